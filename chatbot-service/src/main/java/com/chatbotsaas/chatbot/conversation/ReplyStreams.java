package com.chatbotsaas.chatbot.conversation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens in conversations, as it happens: {@code message.created}, {@code message.delta},
 * {@code message.completed} and {@code message.failed}. Workers publish them on a fanout exchange that every instance
 * of the service binds with a private queue, so a client streaming from one instance sees replies produced by
 * another; each instance relays them to its SSE subscribers and to the requests waiting for a reply
 * ({@code Prefer: wait}). Best effort: the messages themselves are in the database.
 */
@Component
class ReplyStreams {

    private static final Logger log = LoggerFactory.getLogger(ReplyStreams.class);
    static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final String exchange;
    private final Map<UUID, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final Map<UUID, CompletableFuture<MessageView>> waiting = new ConcurrentHashMap<>();

    ReplyStreams(RabbitTemplate rabbit, JsonMapper json, @Value("${chatbot.replies.stream-exchange}") String exchange) {
        this.rabbit = rabbit;
        this.json = json;
        this.exchange = exchange;
    }

    /** An SSE stream of the conversation's events from now on. */
    SseEmitter subscribe(UUID conversationId) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        Set<SseEmitter> set = subscribers.computeIfAbsent(conversationId, id -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> {
            set.remove(emitter);
            subscribers.computeIfPresent(conversationId, (id, s) -> s.isEmpty() ? null : s);
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            // Tells the client the stream is open, and flushes the headers.
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    /** A future completed with the reply to the message, if it arrives while someone waits. */
    CompletableFuture<MessageView> awaitReply(UUID userMessageId) {
        return waiting.computeIfAbsent(userMessageId, id -> new CompletableFuture<>());
    }

    void stopWaiting(UUID userMessageId) {
        waiting.remove(userMessageId);
    }

    void created(MessageView message) {
        publish(message.conversationId(), "message.created", json.valueToTree(message));
    }

    void delta(UUID conversationId, UUID replyTo, String text) {
        publish(conversationId, "message.delta", json.valueToTree(Map.of("reply_to", replyTo, "delta", text)));
    }

    void completed(MessageView reply) {
        publish(
                reply.conversationId(),
                reply.status().equals("failed") ? "message.failed" : "message.completed",
                json.valueToTree(reply));
    }

    private void publish(UUID conversationId, String event, JsonNode data) {
        try {
            byte[] body =
                    json.writeValueAsBytes(Map.of("conversation_id", conversationId, "event", event, "data", data));
            MessageProperties properties = new MessageProperties();
            properties.setContentType("application/json");
            rabbit.send(exchange, "", new Message(body, properties));
        } catch (RuntimeException e) {
            log.warn("Could not publish {} of conversation {}", event, conversationId, e);
        }
    }

    @RabbitListener(queues = "#{chatbotStreamQueue.name}")
    void relay(Message message) {
        JsonNode envelope = json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
        UUID conversationId = UUID.fromString(envelope.path("conversation_id").asString());
        String event = envelope.path("event").asString();
        JsonNode data = envelope.path("data");
        if (event.equals("message.completed") || event.equals("message.failed")) {
            MessageView reply = json.treeToValue(data, MessageView.class);
            CompletableFuture<MessageView> waiter = reply.replyTo() == null ? null : waiting.remove(reply.replyTo());
            if (waiter != null) {
                waiter.complete(reply);
            }
        }
        Set<SseEmitter> emitters = subscribers.get(conversationId);
        if (emitters == null) {
            return;
        }
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name(event).data(json.writeValueAsString(data)));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Exchange {

        @Bean
        FanoutExchange chatbotStreamExchange(@Value("${chatbot.replies.stream-exchange}") String name) {
            return new FanoutExchange(name, true, false);
        }

        /** This instance's private queue: not durable, deleted when the instance goes away. */
        @Bean
        Queue chatbotStreamQueue(@Value("${chatbot.replies.stream-exchange}") String exchange) {
            return new Queue(exchange + "." + UUID.randomUUID(), false, false, true);
        }

        @Bean
        Binding chatbotStreamBinding(Queue chatbotStreamQueue, FanoutExchange chatbotStreamExchange) {
            return BindingBuilder.bind(chatbotStreamQueue).to(chatbotStreamExchange);
        }
    }
}
