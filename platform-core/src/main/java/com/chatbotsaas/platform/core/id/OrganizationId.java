package com.chatbotsaas.platform.core.id;

import java.util.Objects;
import java.util.UUID;

/**
 * An organization's id, as a type of its own where it travels next to a {@link UserId}: a method taking both cannot be
 * called with the two swapped.
 */
public record OrganizationId(UUID value) {

    public OrganizationId {
        Objects.requireNonNull(value, "value");
    }

    public static OrganizationId of(UUID value) {
        return new OrganizationId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
