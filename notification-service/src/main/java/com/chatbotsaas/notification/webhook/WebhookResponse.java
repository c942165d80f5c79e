package com.chatbotsaas.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A webhook as the API shows it; {@code secret} only in the answer that created or rotated it. */
record WebhookResponse(
        UUID id,
        String url,
        List<String> eventTypes,
        @Nullable String description,
        boolean active,
        @Nullable String disabledReason,
        int consecutiveFailures,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String secret,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String warning) {

    WebhookResponse withSecret(String secret) {
        return with(secret, warning);
    }

    /** The same, with a warning about its URL (a host that does not resolve yet). */
    WebhookResponse withWarning(@Nullable String warning) {
        return with(secret, warning);
    }

    private WebhookResponse with(@Nullable String secret, @Nullable String warning) {
        return new WebhookResponse(
                id,
                url,
                eventTypes,
                description,
                active,
                disabledReason,
                consecutiveFailures,
                createdAt,
                updatedAt,
                secret,
                warning);
    }
}
