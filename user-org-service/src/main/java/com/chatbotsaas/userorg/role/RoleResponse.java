package com.chatbotsaas.userorg.role;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A role as clients see it; system roles have no id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RoleResponse(
        @Nullable UUID id,
        String name,
        @Nullable String description,
        List<String> permissions,
        boolean system,
        @Nullable Instant createdAt) {}
