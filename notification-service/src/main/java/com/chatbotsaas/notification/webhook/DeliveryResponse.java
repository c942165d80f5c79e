package com.chatbotsaas.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A delivery of one event to one webhook; {@code attempt_log} only when one delivery is asked for. */
record DeliveryResponse(
        UUID id,
        UUID webhookId,
        String eventId,
        String eventType,
        String status,
        int attempts,
        @Nullable Integer responseStatus,
        @Nullable Instant nextAttemptAt,
        Instant createdAt,
        @Nullable Instant deliveredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Attempt> attemptLog) {

    DeliveryResponse withAttempts(List<Attempt> log) {
        return new DeliveryResponse(
                id,
                webhookId,
                eventId,
                eventType,
                status,
                attempts,
                responseStatus,
                nextAttemptAt,
                createdAt,
                deliveredAt,
                log);
    }

    /** One HTTP attempt: the status code (none when no answer came), how long it took, and why it failed. */
    record Attempt(
            int attempt,
            @Nullable Integer statusCode,
            long latencyMs,
            @Nullable String error,
            Instant attemptedAt) {}
}
