package com.chatbotsaas.userorg.member;

import java.time.Instant;
import java.util.UUID;

/** A member of an organization: the user's profile with their role and status there. */
record MemberResponse(UUID userId, String name, String email, String role, String status, Instant joinedAt) {}
