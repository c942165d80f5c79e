package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.core.status.Status;
import java.util.Set;

/**
 * An organization's standing, set by the platform's operators: {@code active}, or {@code suspended} (its members keep
 * their membership but no permission until it is reactivated). Deletion is not a status: the row is soft-deleted.
 */
public enum OrganizationStatus implements Status<OrganizationStatus> {
    ACTIVE,
    SUSPENDED;

    @Override
    public Set<OrganizationStatus> next() {
        return switch (this) {
            case ACTIVE -> Set.of(SUSPENDED);
            case SUSPENDED -> Set.of(ACTIVE);
        };
    }
}
