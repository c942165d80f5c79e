package com.chatbotsaas.auth.keycloak;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A user's Keycloak session (what a refresh token keeps alive); the address is the one Keycloak saw. */
public record KeycloakSession(String id, @Nullable String ipAddress, Instant startedAt, Instant lastAccessAt) {}
