package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.events.EventProbe.Received;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** 401, 403 and 429 decided by the gateway become gateway.request.deny.failure events, few even in a flood. */
class DenialEventsIT extends GatewayIntegrationTest {

    private static EventProbe probe;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void listen() {
        probe = EventProbe.listen("gateway.request.deny.*");
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void aMissingTokenIsPublishedAsADenialThatHonoursTheContract() {
        String requestId = "deny-401-" + UUID.randomUUID();
        String client = randomClientIp();
        ApiClient anonymous = gatewayFrom(client)
                .withHeader("X-Request-Id", requestId)
                .withHeader("User-Agent", "denial-test/1.0")
                .withHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        Received denial = denial(
                requestId,
                () -> anonymous.get("/api/v1/organizations?token=do-not-store").status());

        assertThat(EventContracts.violations(denial.json())).isEmpty();
        assertThat(denial.routingKey()).isEqualTo("gateway.request.deny.failure");
        JsonNode event = denial.event();
        assertThat(event.path("type").asString()).isEqualTo("com.chatbotsaas.gateway.request.deny");
        assertThat(event.path("source").asString()).isEqualTo("/gateway");
        assertThat(event.path("outcome").asString()).isEqualTo("failure");
        assertThat(event.path("statuscode").asInt()).isEqualTo(401);
        assertThat(event.path("errorcode").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(event.path("actortype").asString()).isEqualTo("anonymous");
        assertThat(event.has("actorid")).isFalse();
        assertThat(event.path("clientip").asString()).isEqualTo(client);
        assertThat(event.path("useragent").asString()).isEqualTo("denial-test/1.0");
        assertThat(event.path("traceparent").asString()).startsWith("00-4bf92f3577b34da6");
        assertThat(denial.data().path("reason").asString()).isEqualTo("missing_token");
        assertThat(denial.data().path("method").asString()).isEqualTo("GET");
        assertThat(denial.data().path("path").asString()).isEqualTo("/api/v1/organizations");
        assertThat(denial.json()).doesNotContain("do-not-store");
    }

    @Test
    void anInvalidTokenIsPublishedWithoutTheToken() {
        String requestId = "deny-bad-" + UUID.randomUUID();
        String forged = jwks.signTrusted(claims -> claims.issuer("http://127.0.0.1:1/realms/other"));

        Received denial = denial(
                requestId,
                () -> gateway()
                        .withToken(forged)
                        .withHeader("X-Request-Id", requestId)
                        .get("/api/v1/users/me")
                        .status());

        assertThat(EventContracts.violations(denial.json())).isEmpty();
        assertThat(denial.data().path("reason").asString()).isEqualTo("invalid_token");
        assertThat(denial.json()).doesNotContain(forged.substring(forged.lastIndexOf('.') + 1));
    }

    @Test
    void aMissingRoleIsPublishedWithTheCaller() {
        TestUser user = keycloak.createUser();
        String token = keycloak.login(user).accessToken();
        String requestId = "deny-403-" + UUID.randomUUID();

        Received denial = denial(
                requestId,
                () -> gateway()
                        .withToken(token)
                        .withHeader("X-Request-Id", requestId)
                        .get("/api/v1/admin/audit-logs")
                        .status());

        assertThat(EventContracts.violations(denial.json())).isEmpty();
        assertThat(denial.event().path("statuscode").asInt()).isEqualTo(403);
        assertThat(denial.event().path("errorcode").asString()).isEqualTo("FORBIDDEN");
        assertThat(denial.event().path("actorid").asString()).isEqualTo(user.id());
        assertThat(denial.event().path("actortype").asString()).isEqualTo("user");
        assertThat(denial.data().path("reason").asString()).isEqualTo("insufficient_role");
    }

    @Test
    void aRateLimitedRequestIsPublishedWithItsRouteAndBucket() {
        ApiClient client = gatewayFrom(randomClientIp());
        for (int i = 0; i < CREDENTIALS_CAPACITY; i++) {
            client.post("/api/v1/auth/login", Map.of());
        }
        String requestId = "deny-429-" + UUID.randomUUID();

        Received denial = denial(
                requestId,
                () -> client.withHeader("X-Request-Id", requestId)
                        .post("/api/v1/auth/login", Map.of())
                        .status());

        assertThat(EventContracts.violations(denial.json())).isEmpty();
        assertThat(denial.event().path("statuscode").asInt()).isEqualTo(429);
        assertThat(denial.event().path("errorcode").asString()).isEqualTo("RATE_LIMITED");
        assertThat(denial.data().path("reason").asString()).isEqualTo("rate_limited");
        assertThat(denial.data().path("resource_id").asString()).isEqualTo("auth-service-credentials");
        assertThat(denial.data().path("rate_limit_bucket").asString()).isEqualTo("credentials");
    }

    @Test
    void aFloodOfDenialsBecomesAFewEventsThatCountTheRest() {
        String flood = "flood-" + UUID.randomUUID();
        ApiClient attacker = gatewayFrom(randomClientIp()).withHeader("User-Agent", flood);
        double suppressedBefore = denials("suppressed");
        double droppedBefore = denials("dropped");

        long started = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            assertThat(attacker.get("/api/v1/organizations").status()).isEqualTo(401);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // Each denial is sampled on its request's path: what the sampler let through is known once the flood ends.
        int sampled =
                300 - (int) (denials("suppressed") - suppressedBefore) - (int) (denials("dropped") - droppedBefore);
        assertThat(sampled)
                .as("denials sampled of 300 in %.1f s", seconds)
                .isPositive()
                .isLessThanOrEqualTo((int) (DENIAL_EVENTS_BURST + DENIAL_EVENTS_PER_SECOND * seconds) + 1);
        // And exactly those reach the broker.
        await().atMost(Duration.ofSeconds(15)).until(() -> floodEvents(flood).size() == sampled);
        floodEvents(flood)
                .forEach(event ->
                        assertThat(EventContracts.violations(event.json())).isEmpty());

        // The denials left out are counted in the events that follow them: audit sees the size of the flood.
        String requestId = "after-flood-" + UUID.randomUUID();
        Received next = denial(
                requestId,
                () -> attacker.withHeader("X-Request-Id", requestId)
                        .get("/api/v1/organizations")
                        .status());
        long counted = next.data().path("suppressed").asLong()
                + floodEvents(flood).stream()
                        .mapToLong(event -> event.data().path("suppressed").asLong())
                        .sum();
        assertThat(counted).isGreaterThanOrEqualTo(300 - sampled);
    }

    /** Sends until the denial with this request id is published: the sampler may be empty from a previous test. */
    private static Received denial(String requestId, Supplier<Integer> send) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(send.get()).isIn(401, 403, 429);
                    return !probe.all(e ->
                                    requestId.equals(e.event().path("requestid").asString()))
                            .isEmpty();
                });
        return probe.all(e -> requestId.equals(e.event().path("requestid").asString()))
                .getFirst();
    }

    private static List<Received> floodEvents(String userAgent) {
        return probe.all(e -> userAgent.equals(e.event().path("useragent").asString()));
    }

    private double denials(String outcome) {
        var counter = meters.find("gateway.denials").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
