package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.core.status.Status;
import java.util.Set;

/**
 * A membership's standing: {@code active}, or {@code suspended} by someone with authority over the member (the member
 * keeps the role but reaches nothing of the organization until reactivated). Removal is not a status: the row is
 * soft-deleted, and rejoining starts active again.
 */
public enum MembershipStatus implements Status<MembershipStatus> {
    ACTIVE,
    SUSPENDED;

    @Override
    public Set<MembershipStatus> next() {
        return switch (this) {
            case ACTIVE -> Set.of(SUSPENDED);
            case SUSPENDED -> Set.of(ACTIVE);
        };
    }
}
