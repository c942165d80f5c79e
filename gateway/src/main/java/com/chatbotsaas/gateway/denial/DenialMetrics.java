package com.chatbotsaas.gateway.denial;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code gateway.denials{outcome}}: what became of each denial. {@code suppressed} (beyond the sampler's rate, counted
 * in the next event), {@code stored} (in the Redis stream), {@code in_memory} (Redis unavailable: held in memory),
 * {@code dropped} (memory full too), {@code published} (confirmed by the broker), {@code unconfirmed} (a publish the
 * broker did not confirm; retried), {@code trimmed} (cut from the stream by its length cap before it was relayed),
 * {@code failed} (still in memory when the gateway stopped).
 */
@Component
class DenialMetrics {

    private final Counter published;
    private final Counter suppressed;
    private final Counter dropped;
    private final Counter failed;
    private final Counter stored;
    private final Counter inMemory;
    private final Counter trimmed;
    private final Counter unconfirmed;

    DenialMetrics(MeterRegistry meters) {
        this.published = counter(meters, "published");
        this.suppressed = counter(meters, "suppressed");
        this.dropped = counter(meters, "dropped");
        this.failed = counter(meters, "failed");
        this.stored = counter(meters, "stored");
        this.inMemory = counter(meters, "in_memory");
        this.trimmed = counter(meters, "trimmed");
        this.unconfirmed = counter(meters, "unconfirmed");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("gateway.denials")
                .description("Denials decided by the gateway, by what became of their event")
                .tag("outcome", outcome)
                .register(meters);
    }

    void published(int count) {
        published.increment(count);
    }

    void suppressed() {
        suppressed.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void failed(int count) {
        failed.increment(count);
    }

    void stored() {
        stored.increment();
    }

    void inMemory() {
        inMemory.increment();
    }

    void trimmed(long count) {
        if (count > 0) {
            trimmed.increment(count);
        }
    }

    void unconfirmed(int count) {
        unconfirmed.increment(count);
    }
}
