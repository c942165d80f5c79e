package com.chatbotsaas.auth.password;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record ResetPasswordRequest(
        @NotBlank @Size(max = 256) String token,
        @NotBlank @Size(min = 8, max = 128) String password,
        @NotBlank String passwordConfirmation) {

    @Override
    public String toString() {
        return "ResetPasswordRequest[***]";
    }
}
