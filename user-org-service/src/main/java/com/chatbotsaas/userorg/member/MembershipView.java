package com.chatbotsaas.userorg.member;

import java.util.UUID;

/** A user's live membership: role and status. */
public record MembershipView(UUID organizationId, UUID userId, String role, String status) {

    public boolean active() {
        return "active".equals(status);
    }
}
