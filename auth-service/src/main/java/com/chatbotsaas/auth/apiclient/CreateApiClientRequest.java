package com.chatbotsaas.auth.apiclient;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record CreateApiClientRequest(@NotBlank @Size(max = 255) String name) {}
