package com.chatbotsaas.platform.core.id;

import java.util.Objects;
import java.util.UUID;

/**
 * A user's id, as a type of its own where it travels next to an {@link OrganizationId}: a method taking both cannot be
 * called with the two swapped.
 */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId of(UUID value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
