package com.chatbotsaas.auth.keycloak;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An account as Keycloak holds it. */
public record KeycloakUser(
        String id,
        String name,
        @Nullable String email,
        boolean emailVerified,
        boolean enabled,
        @Nullable Instant createdAt) {}
