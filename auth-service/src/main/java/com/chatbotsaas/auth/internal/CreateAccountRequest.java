package com.chatbotsaas.auth.internal;

import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The calling service has already checked the confirmation and the administrator's rights. */
record CreateAccountRequest(
        @NotBlank @Size(max = 255) @SingleLine String name,
        @NotBlank @Email @Size(max = 255) String email,
        @NotBlank @Size(min = 8, max = 128) String password) {

    @Override
    public String toString() {
        return "CreateAccountRequest[email=" + email + "]";
    }
}
