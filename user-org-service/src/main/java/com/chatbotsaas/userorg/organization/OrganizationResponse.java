package com.chatbotsaas.userorg.organization;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An organization; {@code role} is the caller's role in it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrganizationResponse(
        UUID id,
        String name,
        String slug,
        String status,
        String plan,
        @Nullable String role,
        Instant createdAt) {}
