package com.chatbotsaas.auth.account;

import com.chatbotsaas.auth.web.CarriesEmail;
import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Limits as the realm's user profile has them (255), so Keycloak never refuses what passed here. */
record RegisterRequest(
        @NotBlank @Size(max = 255) @SingleLine String name,
        @NotBlank @Email @Size(max = 255) String email,
        @NotBlank @Size(min = 8, max = 128) String password,
        @NotBlank String passwordConfirmation)
        implements CarriesEmail {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + "]";
    }
}
