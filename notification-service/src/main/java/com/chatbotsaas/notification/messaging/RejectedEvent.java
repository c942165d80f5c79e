package com.chatbotsaas.notification.messaging;

import com.chatbotsaas.platform.events.ReceivedEvent;

/**
 * An event this service can never act on: a field it needs is missing or unreadable. As a
 * {@link ReceivedEvent.MalformedEventException} it is not retried but dead-lettered at once; the listener logs it with
 * its id and counts it in {@code notification.events.rejected{reason}}.
 */
final class RejectedEvent extends ReceivedEvent.MalformedEventException {

    /** A field the event's type needs is absent. */
    static final String MISSING_FIELD = "missing_field";
    /** An id that is not a UUID. */
    static final String INVALID_ID = "invalid_id";
    /** The data does not read as the consumer's record (a field of the wrong type). */
    static final String UNREADABLE_DATA = "unreadable_data";
    /** A resource type the event's producer never sends with this type. */
    static final String UNEXPECTED_RESOURCE = "unexpected_resource";

    private final String reason;

    RejectedEvent(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    RejectedEvent(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
