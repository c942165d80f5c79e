package com.chatbotsaas.gateway.denial;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param exchange the platform's event exchange
 * @param perSecond events published per second at most, on average (per gateway instance)
 * @param burst events published at once at most after a quiet period
 * @param queueCapacity events waiting for the broker at most; beyond, new ones are dropped and counted
 * @param confirmTimeout how long to wait for the broker's confirm
 * @param maxAttempts attempts per event before it is dropped
 */
@ConfigurationProperties("gateway.denials")
record DenialProperties(
        boolean enabled,
        String exchange,
        double perSecond,
        int burst,
        int queueCapacity,
        Duration confirmTimeout,
        int maxAttempts) {}
