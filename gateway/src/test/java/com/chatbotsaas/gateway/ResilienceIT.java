package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service that is down, slow or flaky: envelopes within bounded time, retries only where safe, recovery. */
class ResilienceIT extends GatewayIntegrationTest {

    private static final String ORG = "/api/v1/organizations/0199e0a0-0000-7000-8000-000000000001";

    @AfterEach
    void notificationsRunning() {
        if (gateway().withToken(userToken()).get("/api/v1/notifications").status() != 200) {
            notifications.restart();
        }
    }

    @Test
    void aStoppedServiceAnswersThe503EnvelopeWithinOneSecondAndRecoversAfterItRestarts() {
        ApiClient api = gateway().withToken(userToken());
        assertThat(api.get("/api/v1/notifications").status()).isEqualTo(200);

        notifications.stop();
        // Enough calls to open the circuit: both the refused connections and the open circuit answer the envelope.
        for (int i = 0; i < 15; i++) {
            long started = System.nanoTime();
            ApiResult down = i % 3 == 0
                    ? api.post(ORG + "/webhooks", Map.of("url", "https://example.com/hook"))
                    : api.get("/api/v1/notifications");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(down.status()).as("call %d", i).isEqualTo(503);
            assertThat(down.body().path("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(down.body().path("success").asBoolean()).isFalse();
            assertThat(down.header("Retry-After")).isNotBlank();
            assertThat(millis).as("call %d took", i).isLessThan(1000);
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(gateway()
                                .get("/api/health")
                                .data()
                                .path("components")
                                .path("notification-service")
                                .path("status")
                                .asString())
                        .isEqualTo("DOWN"));

        notifications.restart();
        // No gateway restart: the circuit half-opens after its open duration and closes on success.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/v1/notifications").status() == 200);
        assertThat(api.get("/api/v1/notifications").status()).isEqualTo(200);
    }

    @Test
    void aServiceSlowerThanItsRouteTimeoutAnswersThe504Envelope() {
        ApiClient api = gateway().withToken(userToken()).withHeader("X-Test-Delay-Ms", "3000");

        long started = System.nanoTime();
        ApiResult slow = api.get(ORG + "/audit-logs");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.body().path("error_code").asString()).isEqualTo("UPSTREAM_TIMEOUT");
        // The audit route's timeout is 1 s here, and a timeout is not retried.
        assertThat(millis).isBetween(900L, 2500L);
    }

    @Test
    void timeoutsArePerRoute() {
        ApiClient api = gateway().withToken(userToken()).withHeader("X-Test-Delay-Ms", "1500");

        assertThat(api.get(ORG + "/audit-logs").status()).isEqualTo(504);
        // Sending a message may wait for the reply: its route allows 35 s.
        assertThat(api.post(ORG + "/chatbots/b/conversations/c/messages", Map.of("content", "hi"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void manyConcurrentCallsToOneSlowServiceAreAllServed() throws Exception {
        // 60 callers at once, each answered after 300 ms: no concurrency cap of the gateway refuses any of them.
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ApiClient caller =
                    gateway().withToken(jwks.signTrusted(claims -> {})).withHeader("X-Test-Delay-Ms", "300");
            calls.add(() -> caller.get(ORG + "/chatbots").status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> call : pool.invokeAll(calls)) {
                statuses.add(call.get());
            }
        }
        assertThat(statuses).hasSize(60).containsOnly(200);
    }

    @Test
    void retriesAFailedGetButNeverAPost() {
        ApiClient api = gateway().withToken(userToken());

        ApiResult get = api.withHeader("X-Test-Fail-First", UUID.randomUUID().toString())
                .get(ORG + "/chatbots");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body().path("attempt").asInt()).isEqualTo(2);

        ApiResult post = api.withHeader("X-Test-Fail-First", UUID.randomUUID().toString())
                .post(ORG + "/chatbots", Map.of("name", "bot"));
        assertThat(post.status()).isEqualTo(503);
        assertThat(post.body().path("attempt").asInt()).isEqualTo(1);
    }
}
