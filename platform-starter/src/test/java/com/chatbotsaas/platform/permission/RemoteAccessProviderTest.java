package com.chatbotsaas.platform.permission;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.web.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.json.JsonMapper;

/** The remote answer and the shared cache, against the real Redis. */
class RemoteAccessProviderTest {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    private final UUID organization = UUID.randomUUID();
    private final String user = UUID.randomUUID().toString();
    private final Deque<Runnable> duringNextCall = new ArrayDeque<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private int calls;

    private PermissionCache cache;
    private RemoteAccessProvider provider;

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("localhost", 6379));
        connections.afterPropertiesSet();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @BeforeEach
    void signIn() {
        cache = new PermissionCache(redis, JsonMapper.builder().build(), Duration.ofMinutes(1));
        PermissionApi api = orgId -> {
            calls++;
            Runnable meanwhile = duringNextCall.poll();
            if (meanwhile != null) {
                meanwhile.run();
            }
            return ApiResponse.of("ok", access(answers.remove()));
        };
        provider = new RemoteAccessProvider(api, cache);
        Jwt jwt =
                new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), Map.of("sub", user));
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        redis.delete(redis.keys("platform:access:" + organization + ":*"));
    }

    @Test
    void anAnswerIsCachedUntilTheOrganizationIsEvicted() {
        answers.add("member");
        answers.add("viewer");

        assertThat(provider.access(organization).role()).isEqualTo("member");
        assertThat(provider.access(organization).role()).isEqualTo("member");
        assertThat(calls).isEqualTo(1);

        cache.evict(organization);
        assertThat(provider.access(organization).role()).isEqualTo("viewer");
        assertThat(calls).isEqualTo(2);
    }

    @Test
    void anAnswerFetchedBeforeAnEvictionIsNotServedAfterIt() {
        // The member is removed (and the organization evicted) while their permission call is in flight.
        answers.add("member");
        duringNextCall.add(() -> cache.evict(organization));
        assertThat(provider.access(organization).role()).isEqualTo("member");

        answers.add("none");
        assertThat(provider.access(organization).role())
                .as("the next request asks again instead of using the stale answer")
                .isEqualTo("none");
        assertThat(calls).isEqualTo(2);
    }

    private OrganizationAccess access(String role) {
        return new OrganizationAccess(organization, user, role, Set.of(), "active", "free", null);
    }
}
