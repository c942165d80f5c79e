package com.chatbotsaas.userorg.messaging;

import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.events.ReceivedEvent;
import com.chatbotsaas.platform.events.ReceivedEvent.MalformedEventException;
import com.chatbotsaas.userorg.user.Users;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events from auth-service: a registered account becomes a user profile. A registration missing what a profile needs
 * is dead-lettered at once (no retry can mend it) rather than completed with guesses, and counted, as is every event
 * this service does not read.
 */
@Component
class AuthEventsHandler {

    private static final Logger log = LoggerFactory.getLogger(AuthEventsHandler.class);
    private static final String CONSUMER = "user-org-service.auth";

    private final IdempotentConsumer consumer;
    private final Users users;
    private final JsonMapper jsonMapper;
    private final MeterRegistry meters;

    AuthEventsHandler(IdempotentConsumer consumer, Users users, JsonMapper jsonMapper, MeterRegistry meters) {
        this.consumer = consumer;
        this.users = users;
        this.jsonMapper = jsonMapper;
        this.meters = meters;
    }

    @RabbitListener(queues = "${platform.messaging.consumer.queue}")
    void on(Message message) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.parse(message, jsonMapper);
        } catch (MalformedEventException e) {
            log.warn(
                    "Dead-lettering a message that is not an event (routing key {}): {}",
                    message.getMessageProperties().getReceivedRoutingKey(),
                    e.getMessage());
            meters.counter("userorg.events.malformed", "field", "envelope").increment();
            throw e;
        }
        if ("auth.register".equals(event.action()) && "success".equals(event.attribute("outcome"))) {
            onRegistered(event);
        } else {
            log.info(
                    "Ignoring event {} ({}, outcome {}): not one this service reads",
                    event.id(),
                    event.type(),
                    event.attribute("outcome"));
            meters.counter("userorg.events.ignored", "type", event.action()).increment();
        }
    }

    private void onRegistered(ReceivedEvent event) {
        UserRegistered registered = read(event);
        consumer.handle(
                CONSUMER, event, () -> users.provision(registered.userId(), registered.email(), registered.name()));
    }

    /** The new user's id, email and name; all three are needed, and none is made up when missing. */
    private UserRegistered read(ReceivedEvent event) {
        JsonNode data = event.data();
        UUID userId = uuid(text(data, "resource_id"));
        if (userId == null) {
            throw malformed(event, "resource_id");
        }
        String email = text(data, "email");
        if (email == null || email.isBlank()) {
            throw malformed(event, "email");
        }
        String name = text(data, "name");
        if (name == null || name.isBlank()) {
            throw malformed(event, "name");
        }
        return new UserRegistered(userId, email, name);
    }

    private MalformedEventException malformed(ReceivedEvent event, String field) {
        log.warn("Dead-lettering event {} ({}): {} is missing or unreadable", event.id(), event.type(), field);
        meters.counter("userorg.events.malformed", "field", field).increment();
        return new MalformedEventException(
                event.type() + " " + event.id() + ": " + field + " is missing or unreadable");
    }

    private static @Nullable String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What this service reads of {@code auth.register} data. */
    record UserRegistered(UUID userId, String email, String name) {}
}
