package com.chatbotsaas.chatbot.config;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * chatbot-service settings.
 *
 * @param secretsKey base64 of the 32-byte AES key engine secrets are encrypted with
 * @param replies the work queue and its workers
 * @param engines timeouts and breakers of the engines
 * @param streams limits of the conversations' SSE streams
 * @param planPriorities queue priority (0..9) per organization plan
 * @param defaultMonthlyMessages the quota assumed for an organization whose plan was never seen
 */
@ConfigurationProperties("chatbot")
public record ChatbotProperties(
        String secretsKey,
        @DefaultValue Replies replies,
        @DefaultValue Engines engines,
        @DefaultValue Streams streams,
        @DefaultValue Map<String, Integer> planPriorities,
        @DefaultValue("1000") long defaultMonthlyMessages) {

    public ChatbotProperties {
        planPriorities = Map.copyOf(planPriorities);
    }

    public int priorityOf(@Nullable String plan) {
        Integer priority = plan == null ? null : planPriorities.get(plan);
        return priority == null ? 1 : Math.clamp(priority, 0, 9);
    }

    /**
     * @param queue the durable priority queue of reply work ({@code .retry} and {@code .dlq} beside it)
     * @param workers consumers of the queue in this instance
     * @param maxAttempts attempts per message before the fallback reply
     * @param backoff delay before the second attempt, doubled for each further one (also between failed deliveries)
     * @param deliveryAttempts deliveries of one message whose processing may fail (database or broker trouble, or work
     *     that cannot be processed) before it is dead-lettered with the fallback reply
     * @param redeliverAfter how long a queued message may wait before it is published again (in case its publish was
     *     lost)
     */
    public record Replies(
            @DefaultValue("chatbot-service.replies") String queue,
            @DefaultValue("8") int workers,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("500ms") Duration backoff,
            @DefaultValue("5") int deliveryAttempts,
            @DefaultValue("2m") Duration redeliverAfter,
            @DefaultValue("chatbot-service.stream") String streamExchange) {}

    /**
     * @param timeout how long one engine attempt may take
     * @param historySize how many earlier messages of the conversation remote engines receive
     * @param passages how many passages of the chatbot's knowledge are retrieved per message
     * @param maxResponseSize how much of a remote engine's answer is read; more fails the attempt
     * @param maxReplyChars the longest reply stored; a longer one fails the attempt
     */
    public record Engines(
            @DefaultValue("20s") Duration timeout,
            @DefaultValue("10") int historySize,
            @DefaultValue("5") int passages,
            @DefaultValue("256KB") DataSize maxResponseSize,
            @DefaultValue("16000") int maxReplyChars) {}

    /**
     * @param maxPerUser open streams one user may hold in this instance
     * @param maxPerConversation open streams of one conversation in this instance
     * @param recheckInterval how often an open stream's caller's access is checked again
     * @param timeout how long a stream stays open at most (the client then reconnects)
     */
    public record Streams(
            @DefaultValue("5") int maxPerUser,
            @DefaultValue("20") int maxPerConversation,
            @DefaultValue("30s") Duration recheckInterval,
            @DefaultValue("30m") Duration timeout) {}
}
