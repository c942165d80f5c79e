package com.chatbotsaas.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Keycloak down, in a context of its own whose Keycloak address is a proxy the test breaks: every request still
 * answers, with the 503 envelope and within the timeout; once the breaker is open, at once; and the service recovers
 * by itself when Keycloak is back. The shared Keycloak itself is never touched.
 */
@PlatformIntegrationTest
class KeycloakOutageIT {

    private static final Logger log = LoggerFactory.getLogger(KeycloakOutageIT.class);

    /**
     * Generous: the timeouts (0.5 s connect, 1 s read) plus a loaded machine's slack; what it rules out is a hang.
     * That the open breaker answers without calling Keycloak is proven by its refused-call count, not by the clock.
     */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static final FaultyProxy proxy = startProxy();

    @LocalServerPort
    int port;

    private ApiClient api;
    private TestUser user;

    @DynamicPropertySource
    static void keycloakBehindTheProxy(DynamicPropertyRegistry registry) {
        registry.add("auth.keycloak.url", proxy::url);
        registry.add("auth.keycloak.connect-timeout", () -> "500ms");
        registry.add("auth.keycloak.read-timeout", () -> "1s");
        registry.add("auth.keycloak.circuit-breaker.minimum-number-of-calls", () -> "3");
        registry.add("auth.keycloak.circuit-breaker.sliding-window-size", () -> "4");
        registry.add("auth.keycloak.circuit-breaker.wait-duration-in-open-state", () -> "2s");
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @BeforeEach
    void healthy() {
        proxy.listen(FaultyProxy.Mode.FORWARD);
        api = AuthTests.client(port);
        user = AuthTests.keycloak().createUser(AuthTests.email(), "Outage Tester", AuthTests.password());
        awaitRecovery();
    }

    @AfterEach
    void recover() {
        proxy.listen(FaultyProxy.Mode.FORWARD);
        awaitRecovery();
    }

    @Test
    void nothingListeningIs503FastThenTheBreakerAnswersAtOnceAndRecovers() {
        proxy.stopListening();

        for (int i = 0; i < 3; i++) {
            assertUnavailableWithin(BOUND, this::login);
        }
        assertThat(breakerState()).isEqualTo("open");
        assertRefusedByTheOpenBreaker(this::login);
        assertRefusedByTheOpenBreaker(this::register);

        proxy.listen(FaultyProxy.Mode.FORWARD);
        awaitRecovery();
    }

    @Test
    void aKeycloakThatNeverAnswersIs503WithinTheTimeoutNeverAHang() {
        proxy.listen(FaultyProxy.Mode.HANG);

        assertUnavailableWithin(BOUND, this::register);
        assertUnavailableWithin(BOUND, this::login);
        assertUnavailableWithin(BOUND, this::login);
        // The breaker is open now: no more waiting for timeouts.
        assertThat(breakerState()).isEqualTo("open");
        assertRefusedByTheOpenBreaker(this::login);

        proxy.listen(FaultyProxy.Mode.FORWARD);
        awaitRecovery();
    }

    private ApiResult login() {
        return api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", user.password()));
    }

    private ApiResult register() {
        String password = AuthTests.password();
        return api.post("/api/v1/auth/register", AuthTests.registration(AuthTests.email(), password));
    }

    /** Half-open after the breaker's wait: the next calls probe Keycloak and close it again. */
    private void awaitRecovery() {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> login().status() == 200 && "closed".equals(breakerState()));
    }

    /** Answered 503 without a call to Keycloak: the breaker's count of refused calls goes up by one. */
    private void assertRefusedByTheOpenBreaker(Supplier<ApiResult> call) {
        double refused = refusedCalls();
        assertUnavailableWithin(BOUND, call);
        assertThat(refusedCalls()).as("calls the open breaker refused").isEqualTo(refused + 1);
    }

    /** The breaker's state as the service exports it ({@code resilience4j_circuitbreaker_state}). */
    private String breakerState() {
        return metrics()
                .filter(line -> line.startsWith("resilience4j_circuitbreaker_state{")
                        && line.contains("name=\"keycloak\"")
                        && line.endsWith(" 1.0"))
                .map(line -> line.replaceAll(".*state=\"([a-z_]+)\".*", "$1"))
                .findFirst()
                .orElse("unknown");
    }

    /** Calls the breaker answered itself ({@code resilience4j_circuitbreaker_not_permitted_calls_total}). */
    private double refusedCalls() {
        return metrics()
                .filter(line -> line.startsWith("resilience4j_circuitbreaker_not_permitted_calls_total{")
                        && line.contains("name=\"keycloak\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private Stream<String> metrics() {
        return ApiClient.at("http://localhost:" + port)
                .withHeader("Accept", "text/plain")
                .get("/actuator/prometheus")
                .raw()
                .lines();
    }

    private static void assertUnavailableWithin(Duration bound, Supplier<ApiResult> call) {
        long started = System.nanoTime();
        ApiResult result = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("503 while Keycloak is out answered in {} ms", took.toMillis());
        assertThat(result.status()).as(result.body().path("message").asString()).isEqualTo(503);
        assertThat(result.body().path("success").asBoolean(true)).isFalse();
        assertThat(result.body().path("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(result.body().path("request_id").asString()).isNotBlank();
        assertThat(result.raw()).doesNotContain("Exception").doesNotContain("127.0.0.1");
        assertThat(took).as("answered in %s", took).isLessThan(bound);
    }

    private static FaultyProxy startProxy() {
        URI keycloak = URI.create(KeycloakTestServer.ensureRunning().baseUrl());
        return new FaultyProxy(keycloak.getHost(), keycloak.getPort());
    }
}
