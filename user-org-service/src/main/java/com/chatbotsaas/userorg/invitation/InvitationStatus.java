package com.chatbotsaas.userorg.invitation;

import com.chatbotsaas.platform.core.status.Status;
import java.util.Set;

/**
 * An invitation's life cycle: {@code pending} until the invitee accepts it or an administrator revokes it; both are
 * final. An invitation past its expiry stays pending in storage and is simply no longer usable.
 */
public enum InvitationStatus implements Status<InvitationStatus> {
    PENDING,
    ACCEPTED,
    REVOKED;

    @Override
    public Set<InvitationStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(ACCEPTED, REVOKED);
            case ACCEPTED, REVOKED -> Set.of();
        };
    }
}
