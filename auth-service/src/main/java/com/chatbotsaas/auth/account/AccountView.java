package com.chatbotsaas.auth.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The caller's account as Keycloak holds it. */
record AccountView(
        String id,
        String name,
        @Nullable String email,
        boolean emailVerified,
        @Nullable Instant createdAt) {}
