package com.chatbotsaas.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

class JwkSetCacheTest {

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final MutableClock clock = new MutableClock();
    private HttpServer server;
    private JwkSetCache cache;

    @BeforeEach
    void start() throws Exception {
        published.set(new JWKSet(key("k1")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        cache = new JwkSetCache(
                WebClient.create(),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/certs",
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(15), // the first fetch starts Netty; a loaded machine may take seconds
                clock,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keepsTheKeysForTheRefreshIntervalThenFetchesAgain() {
        assertThat(kids("k1")).containsExactly("k1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(kids("k1")).containsExactly("k1");
        assertThat(fetches).hasValue(1);

        published.set(new JWKSet(List.of(key("k1"), key("k2"))));
        clock.advance(Duration.ofMinutes(2));
        assertThat(kids("k1")).containsExactlyInAnyOrder("k1", "k2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRotatedKeyIsFetchedButUnknownKidsCauseAtMostOneFetchPerInterval() {
        assertThat(kids("k1")).containsExactly("k1");
        clock.advance(Duration.ofSeconds(31));
        published.set(new JWKSet(List.of(key("k1"), key("k2"))));

        assertThat(kids("k2")).contains("k2");
        for (int i = 0; i < 100; i++) {
            assertThat(kids("invented-" + i)).doesNotContain("invented-" + i);
        }
        assertThat(fetches).hasValue(2);

        clock.advance(Duration.ofSeconds(31));
        kids("invented-again");
        assertThat(fetches).hasValue(3);
    }

    @Test
    void whenTheEndpointFailsTheKnownKeysKeepServing() {
        assertThat(kids("k1")).containsExactly("k1");
        server.stop(0);
        clock.advance(Duration.ofMinutes(6));

        assertThat(kids("k1")).containsExactly("k1");
    }

    private List<String> kids(String kid) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), new JWTClaimsSet.Builder().build());
        return cache.apply(jwt).map(JWK::getKeyID).collectList().block(Duration.ofSeconds(30));
    }

    private static JWK key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate().toPublicJWK();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-27T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
