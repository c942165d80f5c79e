package com.chatbotsaas.auth.account;

import com.chatbotsaas.auth.web.CarriesEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record LoginRequest(
        @NotBlank @Size(max = 255) String email,
        @NotBlank @Size(max = 128) String password) implements CarriesEmail {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
