package com.chatbotsaas.platform.events;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Events: the exchange they travel on, how the outbox relays them, and the queue this service consumes from.
 *
 * @param exchange the topic exchange of every platform event
 * @param notificationsExchange the topic exchange of messages only notification-service reads (one-time tokens)
 * @param consumer this service's queue and its bindings, when it consumes events
 */
@ConfigurationProperties("platform.messaging")
public record MessagingProperties(
        @DefaultValue("platform.events") String exchange,
        @DefaultValue("platform.notifications") String notificationsExchange,
        @DefaultValue Outbox outbox,
        @Nullable Consumer consumer) {

    /**
     * @param pollInterval how often the relay looks for events that were not announced by a commit (and the base of
     *     the retry back-off)
     * @param confirmTimeout how long to wait for the broker's confirm
     */
    public record Outbox(
            @DefaultValue("100") int batchSize,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("10s") Duration confirmTimeout,
            @DefaultValue("30s") Duration maxBackoff) {}

    /**
     * @param queue the durable queue (its dead-letter queue is {@code <queue>.dlq})
     * @param bindings routing-key patterns bound to the events exchange ({@code #} for everything)
     * @param notificationBindings routing-key patterns bound to the notifications exchange
     */
    public record Consumer(
            String queue,
            @DefaultValue List<String> bindings,
            @DefaultValue List<String> notificationBindings) {

        public Consumer {
            bindings = List.copyOf(bindings);
            notificationBindings = List.copyOf(notificationBindings);
        }
    }
}
