package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.springframework.scheduling.annotation.Scheduled;
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

    /**
     * Whether the stream's caller may still read the conversation: {@code true}, {@code false} (the stream is closed),
     * or an exception when that cannot be told now (the stream stays open until the next check).
     */
    @FunctionalInterface
    interface AccessCheck {
        boolean stillAllowed();
    }

    private record Subscription(UUID conversationId, SseEmitter emitter, AccessCheck access, Runnable remove) {}

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final String exchange;
    private final ChatbotProperties.Streams limits;
    private final Map<UUID, Set<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final Map<UUID, CompletableFuture<MessageView>> waiting = new ConcurrentHashMap<>();
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perUser = new HashMap<>();
    private final Map<UUID, Integer> perConversation = new HashMap<>();

    ReplyStreams(
            RabbitTemplate rabbit,
            JsonMapper json,
            @Value("${chatbot.replies.stream-exchange}") String exchange,
            ChatbotProperties properties) {
        this.rabbit = rabbit;
        this.json = json;
        this.exchange = exchange;
        this.limits = properties.streams();
    }

    /**
     * An SSE stream of the conversation's events from now on, or 429 when the user or the conversation already holds
     * as many streams in this instance as allowed. The caller's access is checked again every
     * {@code chatbot.streams.recheck-interval}; once it is gone, the stream is closed.
     */
    SseEmitter subscribe(UUID conversationId, String userId, AccessCheck access) {
        admit(conversationId, userId);
        SseEmitter emitter = new SseEmitter(limits.timeout().toMillis());
        Set<Subscription> set = subscribers.computeIfAbsent(conversationId, id -> new CopyOnWriteArraySet<>());
        AtomicBoolean removed = new AtomicBoolean();
        Subscription[] self = new Subscription[1];
        Runnable remove = () -> {
            if (!removed.compareAndSet(false, true)) {
                return;
            }
            set.remove(self[0]);
            subscribers.computeIfPresent(conversationId, (id, s) -> s.isEmpty() ? null : s);
            open.remove(self[0]);
            release(conversationId, userId);
        };
        self[0] = new Subscription(conversationId, emitter, access, remove);
        set.add(self[0]);
        open.add(self[0]);
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

    private synchronized void admit(UUID conversationId, String userId) {
        int user = perUser.getOrDefault(userId, 0);
        int conversation = perConversation.getOrDefault(conversationId, 0);
        if (user >= limits.maxPerUser() || conversation >= limits.maxPerConversation()) {
            throw new ApiException(
                    ErrorCode.RATE_LIMITED,
                    user >= limits.maxPerUser()
                            ? "Too many open streams for this user; close one first"
                            : "Too many open streams for this conversation; close one first");
        }
        perUser.put(userId, user + 1);
        perConversation.put(conversationId, conversation + 1);
    }

    private synchronized void release(UUID conversationId, String userId) {
        perUser.computeIfPresent(userId, (id, n) -> n <= 1 ? null : n - 1);
        perConversation.computeIfPresent(conversationId, (id, n) -> n <= 1 ? null : n - 1);
    }

    /** Checks again that each stream's caller may still read; a stream whose caller may not any more is closed. */
    @Scheduled(
            fixedDelayString = "${chatbot.streams.recheck-interval:30s}",
            initialDelayString = "${chatbot.streams.recheck-interval:30s}")
    void recheckAccess() {
        for (Subscription subscription : open) {
            // The answers are cached; one slow lookup must not hold up the others.
            Thread.ofVirtual().name("stream-recheck").start(() -> recheck(subscription));
        }
    }

    private void recheck(Subscription subscription) {
        try {
            // A client that went away is noticed only when something is written: the heartbeat frees its place.
            subscription.emitter().send(SseEmitter.event().comment("ping"));
        } catch (IOException | IllegalStateException e) {
            subscription.remove().run();
            return;
        }
        boolean allowed;
        try {
            allowed = subscription.access().stillAllowed();
        } catch (RuntimeException e) {
            log.debug("Access of stream of conversation {} not rechecked", subscription.conversationId(), e);
            return;
        }
        if (!allowed) {
            log.info("Closing stream of conversation {}: its caller's access is gone", subscription.conversationId());
            try {
                subscription
                        .emitter()
                        .send(SseEmitter.event().name("stream.closed").data("{\"reason\":\"access_revoked\"}"));
            } catch (IOException | IllegalStateException ignored) {
                // Closed anyway just below.
            }
            subscription.emitter().complete();
            subscription.remove().run();
        }
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
        Set<Subscription> subscriptions = subscribers.get(conversationId);
        if (subscriptions == null) {
            return;
        }
        for (Subscription subscription : subscriptions) {
            try {
                subscription.emitter().send(SseEmitter.event().name(event).data(json.writeValueAsString(data)));
            } catch (IOException | IllegalStateException e) {
                subscription.remove().run();
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
