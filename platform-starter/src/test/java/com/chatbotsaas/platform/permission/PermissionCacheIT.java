package com.chatbotsaas.platform.permission;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The shared access cache against the real Redis: hits, eviction by organization, and Redis being away. */
class PermissionCacheIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TTL = Duration.ofMinutes(1);

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;
    private static PermissionCache cache;

    @BeforeAll
    static void connect() {
        TestInfrastructure.get();
        connections = connections(6379);
        redis = new StringRedisTemplate(connections);
        cache = new PermissionCache(redis, JSON, TTL);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void anAnswerIsCachedForItsUserAndOrganizationWithTheTtl() {
        UUID organization = UUID.randomUUID();
        OrganizationAccess access = access(organization, "user-1");

        PermissionCache.Slot miss = cache.lookup(organization, "user-1");
        assertThat(miss.access()).isNull();
        cache.put(miss, access);

        assertThat(cache.lookup(organization, "user-1").access()).isEqualTo(access);
        assertThat(cache.lookup(organization, "user-2").access()).isNull();
        assertThat(cache.lookup(UUID.randomUUID(), "user-1").access()).isNull();
        assertThat(redis.getExpire(miss.key())).isBetween(1L, TTL.toSeconds());
    }

    @Test
    void evictingAnOrganizationForgetsEveryAnswerAboutItAndNoOther() {
        UUID organization = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        cache.put(cache.lookup(organization, "user-1"), access(organization, "user-1"));
        cache.put(cache.lookup(organization, "user-2"), access(organization, "user-2"));
        cache.put(cache.lookup(other, "user-1"), access(other, "user-1"));

        cache.evict(organization);

        assertThat(cache.lookup(organization, "user-1").access()).isNull();
        assertThat(cache.lookup(organization, "user-2").access()).isNull();
        assertThat(cache.lookup(other, "user-1").access()).isEqualTo(access(other, "user-1"));
    }

    @Test
    void anAnswerFetchedBeforeAnEvictionIsNeverServedAfterIt() {
        UUID organization = UUID.randomUUID();
        PermissionCache.Slot slot = cache.lookup(organization, "user-1");

        // The membership changes while the answer is on its way from user-org-service.
        cache.evict(organization);
        cache.put(slot, access(organization, "user-1"));

        assertThat(cache.lookup(organization, "user-1").access()).isNull();
    }

    @Test
    void withRedisAwayEveryLookupMissesAtOnceAndNothingFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LettuceConnectionFactory away = connections(closedPort);
        try {
            PermissionCache unavailable = new PermissionCache(new StringRedisTemplate(away), JSON, TTL);
            UUID organization = UUID.randomUUID();
            Instant start = Instant.now();

            PermissionCache.Slot slot = unavailable.lookup(organization, "user-1");
            unavailable.put(slot, access(organization, "user-1"));
            unavailable.evict(organization);

            assertThat(slot.key()).isNull();
            assertThat(slot.access()).isNull();
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        } finally {
            away.destroy();
        }
    }

    private static OrganizationAccess access(UUID organization, String user) {
        return new OrganizationAccess(
                organization,
                user,
                "admin",
                Set.of("chatbot.read", "chatbot.write"),
                "active",
                "pro",
                Map.of("chatbots", 10L));
    }

    private static LettuceConnectionFactory connections(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("localhost", port),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofMillis(500))
                        .build());
        factory.afterPropertiesSet();
        return factory;
    }
}
