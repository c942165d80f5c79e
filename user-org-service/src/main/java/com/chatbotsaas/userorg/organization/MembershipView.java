package com.chatbotsaas.userorg.organization;

import java.util.UUID;

/** A user's active membership, with what other services need to know of the organization. */
public record MembershipView(UUID organizationId, UUID userId, String role, String organizationStatus, String plan) {}
