package com.chatbotsaas.gateway.revocation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.boot.amqp.autoconfigure.RabbitListenerRetrySettingsCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns auth-service's events into revocations: {@code auth.logout} and {@code auth.session.revoke} end a session
 * ({@code resource_id}: its {@code sid}), {@code auth.password.change} and {@code auth.password.reset} end every token
 * the user held up to then ({@code resource_id}: the user), except, for a change, the changing session's
 * ({@code session_id}). An event that names nothing is logged and dropped. Redis not answering fails the message,
 * which the listener retries with backoff ({@code spring.rabbitmq.listener.simple.retry}); a message that is not a JSON
 * event is not retried. Either way a message that cannot be applied ends in {@code <queue>.dlq}, never in a loop of
 * redeliveries: its token then lives until it expires, as when Redis is down.
 *
 * <p>{@code gateway.revocation.enabled=false} declares nothing and leaves the listener stopped. It is read at start,
 * not as a bean condition: a condition would be decided once at build time by the generated context code (Spring AOT).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RevocationProperties.class)
class RevocationEvents {

    private static final Logger log = LoggerFactory.getLogger(RevocationEvents.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    static final String[] ROUTING_KEYS = {
        "auth.logout.success",
        "auth.session.revoke.success",
        "auth.password.change.success",
        "auth.password.reset.success"
    };

    /** The listener's id in the {@code RabbitListenerEndpointRegistry}. */
    static final String LISTENER_ID = "gateway-revocations";

    private final Revocations revocations;
    private final JsonMapper json;

    RevocationEvents(Revocations revocations, JsonMapper json) {
        this.revocations = revocations;
        this.json = json;
    }

    @Bean
    Declarables revocationQueue(RevocationProperties properties) {
        if (!properties.enabled()) {
            return new Declarables();
        }
        TopicExchange exchange = new TopicExchange(properties.exchange(), true, false);
        Queue queue = QueueBuilder.durable(properties.queue()).build();
        Declarables declarables = new Declarables(
                exchange, queue, QueueBuilder.durable(deadLetters(properties)).build());
        for (String key : ROUTING_KEYS) {
            Binding binding = BindingBuilder.bind(queue).to(exchange).with(key);
            declarables.getDeclarables().add(binding);
        }
        return declarables;
    }

    /**
     * After the retries, a message goes to the dead-letter queue (republished there with the failure in its headers),
     * not back to the head of the queue: the queue was declared without dead-letter arguments, and changing them on a
     * live broker would fail the declaration.
     */
    @Bean
    MessageRecoverer revocationRecoverer(RabbitTemplate rabbit, RevocationProperties properties) {
        return new RepublishMessageRecoverer(rabbit, "", deadLetters(properties));
    }

    /** A message that is not an event fails the same way every time: it is not retried. */
    @Bean
    RabbitListenerRetrySettingsCustomizer revocationRetryExclusions() {
        return settings -> {
            List<Class<? extends Throwable>> excludes = new ArrayList<>(settings.getExceptionExcludes());
            excludes.add(MalformedRevocationException.class);
            settings.setExceptionExcludes(excludes);
        };
    }

    static String deadLetters(RevocationProperties properties) {
        return properties.queue() + ".dlq";
    }

    @RabbitListener(
            id = LISTENER_ID,
            queues = "${gateway.revocation.queue:gateway.revocations}",
            autoStartup = "${gateway.revocation.enabled:true}")
    void onEvent(Message message) {
        JsonNode event;
        try {
            event = json.readTree(message.getBody());
        } catch (JacksonException e) {
            throw new MalformedRevocationException("A revocation message is not JSON", e);
        }
        String type = event.path("type").asString("");
        String id = event.path("id").asString("");
        String subject = event.path("data").path("resource_id").asString("");
        if (subject.isBlank()) {
            log.warn("Revocation event {} ({}) names no session or user; nothing revoked", id, type);
            return;
        }
        switch (type) {
            case "com.chatbotsaas.auth.logout", "com.chatbotsaas.auth.session.revoke" ->
                revocations.session(subject).block(WRITE_TIMEOUT);
            case "com.chatbotsaas.auth.password.change" ->
                revocations
                        .userUpTo(subject, upTo(event), text(event.path("data").path("session_id")))
                        .block(WRITE_TIMEOUT);
            case "com.chatbotsaas.auth.password.reset" ->
                revocations.userUpTo(subject, upTo(event), null).block(WRITE_TIMEOUT);
            default -> log.debug("Event {} of type {} revokes nothing", id, type);
        }
    }

    /** A message that no retry can make readable. */
    static final class MalformedRevocationException extends RuntimeException {

        MalformedRevocationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static @Nullable String text(JsonNode node) {
        String value = node.asString("");
        return value.isBlank() ? null : value;
    }

    /**
     * The second up to which the user's tokens are revoked: the one auth-service names ({@code tokens_revoked_up_to},
     * after which it waited before answering, so a login right after the change is not caught), else the event's time.
     */
    private static Instant upTo(JsonNode event) {
        JsonNode named = event.path("data").path("tokens_revoked_up_to");
        return named.isIntegralNumber() ? Instant.ofEpochSecond(named.asLong()) : time(event);
    }

    private static Instant time(JsonNode event) {
        try {
            return Instant.parse(event.path("time").asString(""));
        } catch (DateTimeParseException e) {
            // Later than the change, never earlier: tokens issued since are refused too and simply refreshed.
            return Instant.now();
        }
    }
}
