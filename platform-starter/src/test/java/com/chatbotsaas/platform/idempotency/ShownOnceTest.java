package com.chatbotsaas.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Handlers that show a secret once: the store keeps no secret, and a replay shows none. */
class ShownOnceTest {

    private static final String SECRET = "cs-" + UUID.randomUUID();
    private static final String SERVICE = "shown-once-test-" + UUID.randomUUID();

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    private final Handlers handlers = new Handlers();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(handlers)
            .addFilters(new IdempotencyFilter(
                    redis, JsonMapper.builder().build(), SERVICE, Duration.ofMinutes(5), Duration.ofMinutes(1)))
            .build();

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("localhost", 6379));
        connections.afterPropertiesSet();
        redis = new StringRedisTemplate(connections);
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
    void aCreatedClientIsReplayedWithoutItsSecretAndNothingStoredHoldsIt() throws Exception {
        String key = UUID.randomUUID().toString();

        MockHttpServletResponse first = send("/clients", key);
        MockHttpServletResponse replay = send("/clients", key);

        assertThat(first.getContentAsString()).contains(SECRET);
        assertThat(handlers.clients).hasValue(1);
        assertThat(replay.getStatus()).isEqualTo(201);
        assertThat(replay.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(replay.getContentAsString())
                .contains("\"client_id\":\"api-1\"", "\"client_secret\":null")
                .doesNotContain(SECRET);
        assertThatRedisHoldsNo(SECRET);
    }

    @Test
    void tokensAreNeverKeptAndTheSameKeyRunsTheRequestAgain() throws Exception {
        String key = UUID.randomUUID().toString();

        MockHttpServletResponse first = send("/login", key);
        MockHttpServletResponse second = send("/login", key);

        assertThat(handlers.logins).hasValue(2);
        assertThat(second.getHeader(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(first.getContentAsString()).contains("access-" + 1);
        assertThat(second.getContentAsString()).contains("access-" + 2);
        assertThatRedisHoldsNo("access-");
    }

    private MockHttpServletResponse send(String path, String key) throws Exception {
        return mvc.perform(post(path)
                        .header(IdempotencyFilter.HEADER, key)
                        .header("X-Forwarded-For", "198.51.100.4")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ci\"}"))
                .andReturn()
                .getResponse();
    }

    /** Neither in clear nor in base64, in any value the store holds for this service. */
    private static void assertThatRedisHoldsNo(String secret) {
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        for (String key : redis.keys("platform:idempotency:" + SERVICE + ":*")) {
            String value = redis.opsForValue().get(key);
            assertThat(value).doesNotContain(secret).doesNotContain(base64.substring(0, 12));
            for (String part : value.split("\"")) {
                assertThat(decoded(part)).doesNotContain(secret);
            }
        }
    }

    private static String decoded(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @RestController
    static class Handlers {

        final AtomicInteger clients = new AtomicInteger();
        final AtomicInteger logins = new AtomicInteger();

        @PostMapping("/clients")
        @ShownOnce("client_secret")
        org.springframework.http.ResponseEntity<Map<String, Object>> createClient() {
            clients.incrementAndGet();
            return org.springframework.http.ResponseEntity.status(201)
                    .body(Map.of("data", Map.of("client_id", "api-1", "client_secret", SECRET)));
        }

        @PostMapping("/login")
        @ShownOnce
        Map<String, Object> login() {
            return Map.of("data", Map.of("access_token", "access-" + logins.incrementAndGet()));
        }
    }
}
