package com.chatbotsaas.gateway.redis;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param commandTimeout how long a request may wait for Redis before the rate limiter decides without it
 * @param retryInterval after a failure, how long Redis is left alone (requests decide without it at once)
 */
@ConfigurationProperties("gateway.redis")
record GatewayRedisProperties(
        String host,
        int port,
        @Nullable String username,
        @Nullable String password,
        int database,
        boolean ssl,
        Duration connectTimeout,
        Duration commandTimeout,
        Duration retryInterval) {}
