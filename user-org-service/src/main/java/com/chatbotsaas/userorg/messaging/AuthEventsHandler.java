package com.chatbotsaas.userorg.messaging;

import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.events.ReceivedEvent;
import com.chatbotsaas.userorg.user.Users;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Events from auth-service: a registered account becomes a user profile. */
@Component
class AuthEventsHandler {

    private static final String CONSUMER = "user-org-service.auth";

    private final IdempotentConsumer consumer;
    private final Users users;
    private final JsonMapper jsonMapper;

    AuthEventsHandler(IdempotentConsumer consumer, Users users, JsonMapper jsonMapper) {
        this.consumer = consumer;
        this.users = users;
        this.jsonMapper = jsonMapper;
    }

    @RabbitListener(queues = "${platform.messaging.consumer.queue}")
    void on(Message message) {
        ReceivedEvent event = ReceivedEvent.parse(message, jsonMapper);
        if ("auth.register".equals(event.action()) && "success".equals(event.attribute("outcome"))) {
            onRegistered(event);
        }
    }

    private void onRegistered(ReceivedEvent event) {
        UserRegistered registered = event.dataAs(UserRegistered.class, jsonMapper);
        consumer.handle(
                CONSUMER,
                event,
                () -> users.provision(UUID.fromString(registered.resourceId()), registered.email(), registered.name()));
    }

    /** What this service reads of {@code auth.register} data. */
    record UserRegistered(String resourceId, String email, String name) {}
}
