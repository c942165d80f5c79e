package com.chatbotsaas.notification.messaging;

import com.chatbotsaas.notification.webhook.WebhookFanOut;
import com.chatbotsaas.platform.events.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's one queue: private messages (tokens for emails), identity and tenancy events, and every other
 * successful organization event, which may be subscribed to by a webhook.
 *
 * <p>An event the handlers cannot act on (not a CloudEvent, an organization id that is not a UUID, a field its type
 * needs missing) is never acknowledged as if handled: it is logged with its id, counted in
 * {@code notification.events.rejected{reason}} and dead-lettered at once (the listener's retries skip
 * {@link ReceivedEvent.MalformedEventException}).
 */
@Component
class EventListener {

    private static final Logger log = LoggerFactory.getLogger(EventListener.class);

    private final JsonMapper jsonMapper;
    private final AuthEventsHandler auth;
    private final UserOrgEventsHandler userOrg;
    private final PrivateMessagesHandler messages;
    private final WebhookFanOut webhooks;
    private final MeterRegistry meters;

    EventListener(
            JsonMapper jsonMapper,
            AuthEventsHandler auth,
            UserOrgEventsHandler userOrg,
            PrivateMessagesHandler messages,
            WebhookFanOut webhooks,
            MeterRegistry meters) {
        this.jsonMapper = jsonMapper;
        this.auth = auth;
        this.userOrg = userOrg;
        this.messages = messages;
        this.webhooks = webhooks;
        this.meters = meters;
    }

    @RabbitListener(queues = "${platform.messaging.consumer.queue}")
    void on(Message message) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.parse(message, jsonMapper);
        } catch (ReceivedEvent.MalformedEventException e) {
            rejected(message.getMessageProperties().getMessageId(), "not_cloudevent", e);
            throw e;
        }
        try {
            dispatch(event);
        } catch (ReceivedEvent.MalformedEventException e) {
            rejected(event.id(), e instanceof RejectedEvent rejected ? rejected.reason() : "malformed", e);
            throw e;
        }
    }

    private void dispatch(ReceivedEvent event) {
        String outcome = event.attribute("outcome");
        if (outcome == null) {
            messages.on(event);
            return;
        }
        if (!"success".equals(outcome)) {
            // Only successful events are bound; a failure reaching this queue has nothing to notify.
            log.debug("Ignoring event {} with outcome {}", event.id(), outcome);
            return;
        }
        // Checked before any handler runs, so an event with a broken organization id changes nothing.
        UUID organizationId = Fields.uuid(event.attribute("orgid"), "orgid");
        if ("/auth-service".equals(event.attribute("source"))) {
            auth.on(event);
        } else if ("/user-org-service".equals(event.attribute("source"))) {
            userOrg.on(event);
        }
        if (organizationId != null) {
            webhooks.on(event, organizationId);
        }
    }

    private void rejected(@Nullable String eventId, String reason, RuntimeException error) {
        log.warn("Event {} rejected and dead-lettered ({}): {}", eventId, reason, error.getMessage());
        Counter.builder("notification.events.rejected")
                .description("Events and messages this service cannot act on, dead-lettered without retries")
                .tag("reason", reason)
                .register(meters)
                .increment();
    }
}
