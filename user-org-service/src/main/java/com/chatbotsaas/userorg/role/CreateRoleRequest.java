package com.chatbotsaas.userorg.role;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

record CreateRoleRequest(
        @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "^[a-z0-9][a-z0-9_-]*$", message = "must be lower-case letters, digits, - and _")
        String name,

        @Nullable @Size(max = 255) String description,
        @NotNull @Size(min = 1, max = 32) List<String> permissions) {}
