package com.chatbotsaas.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis unreachable (a port nothing listens on, in a context of its own): the throttle fails open, so sign-in keeps
 * working, with Keycloak's brute-force detection as the remaining line, and never waits long for Redis.
 */
@PlatformIntegrationTest
class ThrottleWithoutRedisIT {

    private static final Logger log = LoggerFactory.getLogger(ThrottleWithoutRedisIT.class);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void redisNowhere(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", ThrottleWithoutRedisIT::closedPort);
    }

    @Test
    void loginKeepsWorkingWhileRedisIsDown() {
        ApiClient api = AuthTests.client(port);
        String email = AuthTests.email();
        String password = AuthTests.password();
        AuthTests.register(api, email, password);

        long started = System.nanoTime();
        ApiResult wrong = api.post("/api/v1/auth/login", Map.of("email", email, "password", AuthTests.password()));
        assertThat(wrong.status()).isEqualTo(401);
        AuthTests.login(api, email, password);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("two sign-ins without Redis took {} ms", took.toMillis());
        // Generous for a loaded machine: the Redis timeouts are 0.5 s; what this rules out is waiting on Redis for
        // long.
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
