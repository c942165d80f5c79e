package com.chatbotsaas.auth.password;

import com.chatbotsaas.auth.web.CarriesEmail;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record ForgotPasswordRequest(
        @NotBlank @Email @Size(max = 255) String email) implements CarriesEmail {}
