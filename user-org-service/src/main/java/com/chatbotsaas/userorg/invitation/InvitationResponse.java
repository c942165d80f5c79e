package com.chatbotsaas.userorg.invitation;

import java.time.Instant;
import java.util.UUID;

record InvitationResponse(UUID id, String email, String role, String status, Instant expiresAt, Instant createdAt) {}
