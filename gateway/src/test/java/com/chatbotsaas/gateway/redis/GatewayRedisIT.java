package com.chatbotsaas.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.gateway.FreezableProxy;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Against the machine's real Redis, reached through a proxy that is not there yet when the gateway starts. */
class GatewayRedisIT {

    @Test
    void aGatewayThatStartedBeforeRedisConnectsWhenRedisComesUpWithoutWaitingForARequest() {
        int port = freePort();
        GatewayRedis redis = new GatewayRedis(
                new GatewayRedisProperties(
                        "127.0.0.1",
                        port,
                        null,
                        null,
                        0,
                        false,
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        Duration.ofMillis(200)),
                new SimpleMeterRegistry(),
                CircuitBreakerRegistry.ofDefaults());
        try {
            // Nothing listens yet: the first attempts fail, and a request is decided without Redis at once.
            assertThat(redis.ping().block(Duration.ofSeconds(5))).isFalse();

            TestInfrastructure.Endpoint real = TestInfrastructure.get().redis();
            try (FreezableProxy redisComesUp = new FreezableProxy(real.host(), real.port(), port)) {
                // No request asks from here on: the gateway tries again by itself.
                await().atMost(Duration.ofSeconds(10)).until(() -> redisComesUp.accepted() > 0);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> Boolean.TRUE.equals(redis.ping().block(Duration.ofSeconds(5))));
            }
        } finally {
            redis.destroy();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
