package com.chatbotsaas.userorg.user;

import java.time.Instant;
import java.util.UUID;

/** A user's profile as other features and clients see it. */
public record UserView(UUID id, String name, String email, String locale, String status, Instant createdAt) {}
