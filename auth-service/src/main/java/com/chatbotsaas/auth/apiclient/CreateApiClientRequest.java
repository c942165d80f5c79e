package com.chatbotsaas.auth.apiclient;

import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record CreateApiClientRequest(
        @NotBlank @Size(max = 255) @SingleLine String name) {}
