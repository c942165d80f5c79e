package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Token buckets on the real Redis: per client address, per user, per widget key and address. */
class RateLimitIT extends GatewayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private double undecidedBefore;

    @BeforeEach
    void countUndecided() {
        undecidedBefore = undecided();
    }

    /** Every decision here must come from Redis: a request let through because Redis was slow proves nothing. */
    @AfterEach
    void redisDecidedEverything() {
        assertThat(undecided()).isEqualTo(undecidedBefore);
    }

    private double undecided() {
        return meters.find("gateway.ratelimit.redis.unavailable").counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    @Test
    void theRequestAfterTheCredentialsBurstGets429WithRetryAfterAndRateLimitHeaders() {
        ApiClient client = gatewayFrom(randomClientIp());

        for (int i = 1; i <= CREDENTIALS_CAPACITY; i++) {
            ApiResult admitted = client.post("/api/v1/auth/login", Map.of());
            assertThat(admitted.status()).as("request %d", i).isEqualTo(200);
            assertThat(admitted.header("RateLimit-Limit")).isEqualTo(String.valueOf(CREDENTIALS_CAPACITY));
            assertThat(admitted.header("RateLimit-Remaining")).isEqualTo(String.valueOf(CREDENTIALS_CAPACITY - i));
        }
        ApiResult refused = client.withHeader("X-Request-Id", "limited-1").post("/api/v1/auth/register", Map.of());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("success").asBoolean()).isFalse();
        assertThat(refused.body().path("error_code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(refused.body().path("request_id").asString()).isEqualTo("limited-1");
        // One token comes back every 10 s at 0.1/s.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 10);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(refused.header("RateLimit-Reset"))).isBetween(1, 50);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo(CREDENTIALS_CAPACITY + ";w=50");
        // Another client address has its own bucket.
        assertThat(gatewayFrom(randomClientIp())
                        .post("/api/v1/auth/login", Map.of())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void eachAuthenticatedUserHasABucketOfTheirOwnWhateverTheirAddress() {
        ApiClient first = gatewayFrom(randomClientIp()).withToken(userToken());
        int refused = 0;
        for (int i = 0; i < 3 * API_CAPACITY && refused == 0; i++) {
            // Changing address does not give a user a new bucket.
            ApiClient from = i % 2 == 0 ? first : first.withHeader("X-Forwarded-For", randomClientIp());
            if (from.get("/api/v1/organizations").status() == 429) {
                refused++;
            }
        }
        System.out.println("DEBUG "
                + gateway()
                        .withHeader("Accept", "text/plain")
                        .get("/actuator/prometheus")
                        .raw()
                        .lines()
                        .filter(l -> l.contains("ratelimit") || l.contains("redis_latency"))
                        .toList());
        assertThat(refused).isEqualTo(1);

        ApiResult other = gatewayFrom(randomClientIp()).withToken(userToken()).get("/api/v1/organizations");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("RateLimit-Remaining")).isEqualTo(String.valueOf(API_CAPACITY - 1));
    }

    @Test
    void admittedRequestsStayWithinTheTokenBucketBounds() throws Exception {
        ApiClient client = gatewayFrom(randomClientIp()).withToken(userToken());
        // Saturate the bucket for a while: until requests have been refused for at least 2 s (a slow, shared
        // machine answers fewer requests per second; the bounds must hold whatever the pace).
        AtomicLong firstRefusal = new AtomicLong();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);

        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long refusedSince = firstRefusal.get();
                        if (refusedSince != 0 && System.nanoTime() - refusedSince > TimeUnit.SECONDS.toNanos(2)) {
                            return;
                        }
                        int status = client.get("/api/v1/permissions").status();
                        if (status == 200) {
                            admitted.incrementAndGet();
                        } else if (status == 429) {
                            refused.incrementAndGet();
                            firstRefusal.compareAndSet(0, System.nanoTime());
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;

        // Never more than a full bucket plus what refilled meanwhile; at least the full bucket.
        assertThat(refused.get()).as("requests refused").isPositive();
        assertThat(admitted.get())
                .as("admitted in %.2f s", elapsedSeconds)
                .isGreaterThanOrEqualTo(API_CAPACITY)
                .isLessThanOrEqualTo((int) Math.floor(API_CAPACITY + API_REFILL_PER_SECOND * elapsedSeconds) + 1);
    }

    @Test
    void theWidgetApiIsLimitedPerChatbotKeyAndClientAddress() {
        String address = randomClientIp();
        String key = "pk_" + System.nanoTime();
        ApiClient widgetClient = gatewayFrom(address);
        String messages = "/api/v1/public/chatbots/" + key + "/conversations/c1/messages";

        for (int i = 0; i < WIDGET_CAPACITY; i++) {
            assertThat(widgetClient.post(messages, Map.of("content", "hi")).status())
                    .isEqualTo(200);
        }
        assertThat(widgetClient.get(messages).status()).isEqualTo(429);

        assertThat(widgetClient
                        .get("/api/v1/public/chatbots/" + key + "-other/conversations")
                        .status())
                .as("another chatbot key, same address")
                .isEqualTo(200);
        assertThat(gatewayFrom(randomClientIp()).get(messages).status())
                .as("same chatbot key, another address")
                .isEqualTo(200);
    }

    @Test
    void aPercentEncodedWidgetKeyTakesFromTheSameBucket() {
        ApiClient widgetClient = gatewayFrom(randomClientIp());
        String key = "pk_" + System.nanoTime();
        String plain = "/api/v1/public/chatbots/" + key + "/conversations";
        for (int i = 0; i < WIDGET_CAPACITY; i++) {
            assertThat(widgetClient.get(plain).status()).isEqualTo(200);
        }

        // 'p' and 'k' spelled as %70 and %6B name the same chatbot, so they find the same empty bucket.
        ApiResult encoded = widgetClient.get("/api/v1/public/chatbots/%70%6B" + key.substring(2) + "/conversations");
        assertThat(encoded.status()).isEqualTo(429);
        assertThat(encoded.body().path("error_code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void aWidgetKeyOutsideThePublicKeyAlphabetIsNotFoundAndTakesNoToken() {
        ApiClient widgetClient = gatewayFrom(randomClientIp());
        int before = services.requests();

        for (String key : List.of("pk_%C3%A9t%C3%A9", "pk_a%20b", "pk_%2B", "pk_" + "x".repeat(200))) {
            ApiResult refused = widgetClient.get("/api/v1/public/chatbots/" + key + "/conversations");
            assertThat(refused.status()).as(key).isEqualTo(404);
            assertThat(refused.body().path("error_code").asString()).as(key).isEqualTo("NOT_FOUND");
        }
        // Encoded twice: the request firewall already refuses an encoded '%'.
        assertThat(widgetClient
                        .get("/api/v1/public/chatbots/pk_%2570/conversations")
                        .status())
                .isEqualTo(400);
        assertThat(services.requests()).isEqualTo(before);
    }
}
