package com.chatbotsaas.auth.password;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record ChangePasswordRequest(
        @NotBlank @Size(max = 128) String currentPassword,
        @NotBlank @Size(min = 8, max = 128) String password,
        @NotBlank String passwordConfirmation) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[***]";
    }
}
