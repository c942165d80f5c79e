package com.chatbotsaas.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The filter against the real Redis: replay, conflicts, what is not kept, and that nothing readable is kept. */
class IdempotencyFilterTest {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;
    private static IdempotencyFilter filter;
    private static final String SERVICE = "idempotency-test-" + UUID.randomUUID();

    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("localhost", 6379));
        connections.afterPropertiesSet();
        redis = new StringRedisTemplate(connections);
        filter = new IdempotencyFilter(
                redis, JsonMapper.builder().build(), SERVICE, Duration.ofMinutes(5), Duration.ofMinutes(1));
    }

    @AfterAll
    static void disconnect() {
        var keys = redis.keys("platform:idempotency:" + SERVICE + ":*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        connections.destroy();
    }

    @Test
    void theSameRequestIsAnsweredFromTheFirstResponseWithoutRunningAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        FilterChain created = answering(201, "{\"secret\":\"shown-once-s3cr3t\"}");

        MockHttpServletResponse first = send(key, "{\"password\":\"hunter2-pw\"}", created);
        MockHttpServletResponse again = send(key, "{\"password\":\"hunter2-pw\"}", created);

        assertThat(runs).hasValue(1);
        assertThat(again.getStatus()).isEqualTo(201);
        assertThat(again.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(again.getHeader("Location")).isEqualTo("/things/1");
        assertThat(again.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        // Neither the response's secret nor a digest of the request alone (a password guess would match it) is
        // readable by someone who can read Redis but does not know the Idempotency-Key.
        var stored = JsonMapper.builder().build().readTree(redis.opsForValue().get(redisKey(key)));
        String body = stored.path("body").asString();
        assertThat(body).doesNotContain("s3cr3t");
        assertThat(decodesToText(body)).doesNotContain("s3cr3t");
        assertThat(stored.path("fingerprint").asString())
                .isNotEqualTo(com.chatbotsaas.platform.crypto.Hashes.sha256Hex(
                        "POST /api/v1/things\n{\"password\":\"hunter2-pw\"}"));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndAKeyInUseIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        send(key, "{\"a\":1}", answering(201, "{}"));

        MockHttpServletResponse other = send(key, "{\"a\":2}", answering(201, "{}"));
        assertThat(other.getStatus()).isEqualTo(422);
        assertThat(other.getContentAsString()).contains("idempotency_key");

        String busy = UUID.randomUUID().toString();
        MockHttpServletResponse[] nested = new MockHttpServletResponse[1];
        send(busy, "{}", (request, response) -> {
            nested[0] = send(busy, "{}", answering(201, "{}"));
            ((HttpServletResponse) response).setStatus(201);
        });
        assertThat(nested[0].getStatus()).isEqualTo(409);
        assertThat(runs).as("only the first request ran").hasValue(1);
    }

    @Test
    void aSecondRequestWhileTheFirstIsStillRunningIs409AndTheFirstIsThenReplayed() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        FilterChain slow = (request, response) -> {
            runs.incrementAndGet();
            running.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(201);
            http.getOutputStream().write("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        };
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
            try {
                return send(key, "{}", slow);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse concurrent = send(key, "{}", answering(201, "{}"));
        finish.countDown();

        assertThat(concurrent.getStatus()).isEqualTo(409);
        assertThat(concurrent.getContentAsString()).contains("CONFLICT");
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
        MockHttpServletResponse later = send(key, "{}", answering(201, "{}"));
        assertThat(later.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(runs).as("only the first request ran").hasValue(1);
    }

    @Test
    void withRedisAwayTheRequestRunsWithoutTheGuaranteeAndIsNotRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LettuceConnectionFactory away = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("localhost", closedPort),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofMillis(500))
                        .build());
        away.afterPropertiesSet();
        try {
            IdempotencyFilter withoutStore = new IdempotencyFilter(
                    new StringRedisTemplate(away),
                    JsonMapper.builder().build(),
                    SERVICE,
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(1));
            String key = UUID.randomUUID().toString();

            MockHttpServletResponse first = send(withoutStore, key, "{\"a\":1}", answering(201, "{\"id\":1}"));
            MockHttpServletResponse second = send(withoutStore, key, "{\"a\":1}", answering(201, "{\"id\":2}"));

            assertThat(first.getStatus()).isEqualTo(201);
            assertThat(second.getStatus()).isEqualTo(201);
            assertThat(second.getContentAsString()).isEqualTo("{\"id\":2}");
            assertThat(second.getHeader(IdempotencyFilter.REPLAYED)).isNull();
            assertThat(runs).as("each ran: there is nothing to answer from").hasValue(2);
        } finally {
            away.destroy();
        }
    }

    @Test
    void refusalsThatCanChangeAndServerErrorsAreNotKept() throws Exception {
        for (int status : new int[] {403, 409, 429, 500}) {
            String key = UUID.randomUUID().toString();
            send(key, "{}", answering(status, "{}"));
            MockHttpServletResponse retried = send(key, "{}", answering(201, "{}"));
            assertThat(retried.getStatus()).as("retry after %d", status).isEqualTo(201);
        }
        assertThat(runs).hasValue(8);
    }

    @Test
    void aFailureDownTheChainIsNotTurnedIntoAnAnswerAndTheKeyIsReleased() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThatThrownBy(() -> send(key, "{}", (request, response) -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(send(key, "{}", answering(201, "{}")).getStatus()).isEqualTo(201);
    }

    @Test
    void aKeyThatIsNotVisibleAsciiIs422() throws Exception {
        MockHttpServletResponse response = send("has space", "{}", answering(201, "{}"));
        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(runs).hasValue(0);
    }

    private MockHttpServletResponse send(String key, String body, FilterChain chain)
            throws java.io.IOException, jakarta.servlet.ServletException {
        return send(filter, key, body, chain);
    }

    private static MockHttpServletResponse send(IdempotencyFilter filter, String key, String body, FilterChain chain)
            throws java.io.IOException, jakarta.servlet.ServletException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.addHeader(IdempotencyFilter.HEADER, key);
        request.addHeader("X-Forwarded-For", "203.0.113.7");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    private FilterChain answering(int status, String body) {
        return (request, response) -> {
            runs.incrementAndGet();
            request.getInputStream().readAllBytes();
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(status);
            http.setContentType("application/json");
            http.setHeader("Location", "/things/1");
            http.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Where the filter keeps a key of the anonymous test client (scope, path, key). */
    private static String redisKey(String key) {
        return "platform:idempotency:" + SERVICE + ":"
                + com.chatbotsaas.platform.crypto.Hashes.sha256Hex("ip:203.0.113.7|/api/v1/things|" + key);
    }

    private static String decodesToText(String value) {
        try {
            return new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
