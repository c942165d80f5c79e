package com.chatbotsaas.userorg.role;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Only the fields sent change. */
record UpdateRoleRequest(
        @Nullable
        @Size(min = 1, max = 64)
        @Pattern(regexp = "^[a-z0-9][a-z0-9_-]*$", message = "must be lower-case letters, digits, - and _")
        String name,

        @Nullable @Size(max = 255) String description,
        @Nullable @Size(min = 1, max = 32) List<String> permissions) {}
