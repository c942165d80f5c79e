package com.chatbotsaas.gateway.denial;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param exchange the platform's event exchange
 * @param perSecond events published per second at most, on average (per gateway instance)
 * @param burst events published at once at most after a quiet period
 * @param queueCapacity events held in memory at most while Redis is unavailable; beyond, new ones are dropped and
 *     counted
 * @param confirmTimeout how long to wait for the broker's confirm
 * @param streamMaxLength entries the Redis stream keeps at most ({@code XADD … MAXLEN ~}); older ones are trimmed
 *     (counted) even if not yet relayed
 * @param claimIdle how long an entry read by a relay stays unacknowledged before another relay takes it over
 * @param redisTimeout how long a stream command may take (never on a request's path)
 * @param pollInterval how often the relay looks at the stream when nothing woke it
 * @param retryBackoff the first wait after the broker did not confirm; doubles up to {@code maxRetryBackoff}
 * @param batchSize entries relayed per pass at most
 */
@ConfigurationProperties("gateway.denials")
record DenialProperties(
        boolean enabled,
        String exchange,
        double perSecond,
        int burst,
        int queueCapacity,
        Duration confirmTimeout,
        @DefaultValue("100000") long streamMaxLength,
        @DefaultValue("30s") Duration claimIdle,
        @DefaultValue("2s") Duration redisTimeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("250ms") Duration retryBackoff,
        @DefaultValue("10s") Duration maxRetryBackoff,
        @DefaultValue("100") int batchSize) {

    /** The stream of denials waiting for the broker: one per exchange, shared by every gateway instance. */
    String streamKey() {
        return "gateway:denials:" + exchange;
    }
}
