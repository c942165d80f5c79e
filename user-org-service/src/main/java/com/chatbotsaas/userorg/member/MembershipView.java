package com.chatbotsaas.userorg.member;

import java.util.UUID;

/** A user's live membership: role and status. */
public record MembershipView(UUID organizationId, UUID userId, String role, MembershipStatus status) {

    public boolean active() {
        return status == MembershipStatus.ACTIVE;
    }
}
