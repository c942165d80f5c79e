package com.chatbotsaas.auth.email;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record VerifyEmailRequest(@NotBlank @Size(max = 256) String token) {

    @Override
    public String toString() {
        return "VerifyEmailRequest[***]";
    }
}
