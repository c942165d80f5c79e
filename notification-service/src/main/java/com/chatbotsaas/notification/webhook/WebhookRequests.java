package com.chatbotsaas.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What clients send to create and change webhooks; the secret is never part of a request. */
final class WebhookRequests {

    private static final String EVENT_TYPE = "^(\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?)$";
    private static final String EVENT_TYPE_MESSAGE = "must be an event type such as chatbot.create, chatbot.* or *";

    private WebhookRequests() {}

    record Create(
            @NotBlank @Size(max = 2048) String url,

            @NotEmpty @Size(max = 50)
            List<@NotBlank @Pattern(regexp = EVENT_TYPE, message = EVENT_TYPE_MESSAGE) String> eventTypes,

            @Nullable @Size(max = 500) String description) {}

    record Update(
            @Nullable @Size(min = 1, max = 2048) String url,

            @Nullable @Size(min = 1, max = 50)
            List<@NotBlank @Pattern(regexp = EVENT_TYPE, message = EVENT_TYPE_MESSAGE) String> eventTypes,

            @Nullable @Size(max = 500) String description,
            @Nullable Boolean active) {}
}
