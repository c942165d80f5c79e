package com.chatbotsaas.notification.messaging;

import com.chatbotsaas.notification.webhook.WebhookFanOut;
import com.chatbotsaas.platform.events.ReceivedEvent;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's one queue: private messages (tokens for emails), identity and tenancy events, and every other
 * successful organization event, which may be subscribed to by a webhook.
 */
@Component
class EventListener {

    private final JsonMapper jsonMapper;
    private final AuthEventsHandler auth;
    private final UserOrgEventsHandler userOrg;
    private final PrivateMessagesHandler messages;
    private final WebhookFanOut webhooks;

    EventListener(
            JsonMapper jsonMapper,
            AuthEventsHandler auth,
            UserOrgEventsHandler userOrg,
            PrivateMessagesHandler messages,
            WebhookFanOut webhooks) {
        this.jsonMapper = jsonMapper;
        this.auth = auth;
        this.userOrg = userOrg;
        this.messages = messages;
        this.webhooks = webhooks;
    }

    @RabbitListener(queues = "${platform.messaging.consumer.queue}")
    void on(Message message) {
        ReceivedEvent event = ReceivedEvent.parse(message, jsonMapper);
        if (event.attribute("outcome") == null) {
            messages.on(event);
            return;
        }
        if (!"success".equals(event.attribute("outcome"))) {
            return;
        }
        if ("/auth-service".equals(event.attribute("source"))) {
            auth.on(event);
        } else if ("/user-org-service".equals(event.attribute("source"))) {
            userOrg.on(event);
        }
        if (event.attribute("orgid") != null) {
            webhooks.on(event);
        }
    }
}
