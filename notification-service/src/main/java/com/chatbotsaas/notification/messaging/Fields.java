package com.chatbotsaas.notification.messaging;

import com.chatbotsaas.platform.events.ReceivedEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reading an event's fields, refusing the event ({@link RejectedEvent}) instead of skipping it when one is wrong. */
final class Fields {

    private Fields() {}

    /** The event's data as the consumer's record; data of the wrong shape would fail the same way on every retry. */
    static <T> T data(ReceivedEvent event, Class<T> type, JsonMapper mapper) {
        try {
            return event.dataAs(type, mapper);
        } catch (JacksonException e) {
            throw new RejectedEvent(
                    RejectedEvent.UNREADABLE_DATA,
                    "Data of " + event.type() + " not readable: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** A UUID, or null when the field is absent; a value that is not a UUID refuses the event. */
    static @Nullable UUID uuid(@Nullable String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new RejectedEvent(RejectedEvent.INVALID_ID, field + " is not a UUID", e);
        }
    }

    /** A UUID, or null when the field is absent or not one: for fields that need not be UUIDs. */
    static @Nullable UUID uuidOrNull(@Nullable String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A field the event's type cannot do without. */
    static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw new RejectedEvent(RejectedEvent.MISSING_FIELD, field + " is missing");
        }
        return value;
    }
}
