package com.chatbotsaas.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Redis throttle in front of Keycloak: 5 failures per email (20 per client address) within the window (shortened
 * for tests), then 429 with {@code Retry-After} until the window ends.
 */
@PlatformIntegrationTest
class LoginThrottleIT {

    @LocalServerPort
    int port;

    @Value("${auth.throttle.login.window}")
    Duration window;

    @Test
    void rejectsLoginAfterFiveFailuresForAnEmailAndLetsTheRightPasswordThroughAfterTheWindow() {
        String email = AuthTests.email();
        String password = AuthTests.password();
        String wrong = AuthTests.password();
        // Each failure from another address: only the email's count can be what stops the sixth attempt.
        for (int i = 0; i < 5; i++) {
            assertThat(login(AuthTests.client(port), email, wrong).status()).isEqualTo(401);
        }
        // The account is created only now: Keycloak's own quick-login check would lock an existing account for a
        // minute after failures less than a second apart. The throttle never asks whether the account exists.
        AuthTests.register(AuthTests.client(port), email, password);
        String requestId = "throttled-" + UUID.randomUUID();

        try (EventProbe probe = EventProbe.listen("auth.login.*")) {
            ApiResult throttled = login(AuthTests.client(port).withHeader("X-Request-Id", requestId), email, password);

            assertThat(throttled.status())
                    .as("the sixth attempt, with the right password")
                    .isEqualTo(429);
            assertThat(throttled.body().path("success").asBoolean(true)).isFalse();
            assertThat(throttled.body().path("error_code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(throttled.body().path("request_id").asString()).isEqualTo(requestId);
            assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, window.toSeconds());
            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("auth.login.failure");
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(429);
            assertThat(event.event().path("errorcode").asString()).isEqualTo("RATE_LIMITED");
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }

        ApiClient later = AuthTests.client(port);
        await().atMost(window.plusSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> login(later, email, password).status() != 429);
        AuthTests.login(later, email, password);
    }

    @Value("${auth.throttle.login.max-failures-per-address}")
    int maxFailuresPerAddress;

    @Test
    void rejectsAnAddressAfterItsLimitOfFailuresWhateverTheEmail() {
        ApiClient attacker = AuthTests.client(port);
        for (int i = 0; i < maxFailuresPerAddress; i++) {
            assertThat(login(attacker, AuthTests.email(), "guess-" + i).status())
                    .isEqualTo(401);
        }
        String email = AuthTests.email();
        String password = AuthTests.password();
        AuthTests.register(AuthTests.client(port), email, password);

        ApiResult throttled = login(attacker, email, password);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        // The same account from another address is not affected.
        AuthTests.login(AuthTests.client(port), email, password);
    }

    @Test
    void aRightPasswordClearsTheEmailsFailures() {
        String email = AuthTests.email();
        String password = AuthTests.password();
        for (int i = 0; i < 4; i++) {
            assertThat(login(AuthTests.client(port), email, "guess-" + i).status())
                    .isEqualTo(401);
        }
        AuthTests.register(AuthTests.client(port), email, password);
        AuthTests.login(AuthTests.client(port), email, password);

        // Counted afresh: one more failure is the first, not the fifth.
        assertThat(login(AuthTests.client(port), email, "guess-again").status()).isEqualTo(401);
        AuthTests.login(AuthTests.client(port), email, password);
    }

    private static ApiResult login(ApiClient client, String email, String password) {
        return client.post("/api/v1/auth/login", Map.of("email", email, "password", password));
    }
}
