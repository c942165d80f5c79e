package com.chatbotsaas.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;

/** The key set cache against a JWKS endpoint served by WireMock. */
class JwkSetCacheTest {

    @RegisterExtension
    static final WireMockExtension jwks = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final MutableClock clock = new MutableClock();
    private JwkSetCache cache;

    @BeforeEach
    void start() {
        publish(new JWKSet(key("k1")));
        cache = new JwkSetCache(
                WebClient.create(),
                jwks.baseUrl() + "/certs",
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(15), // the first fetch starts Netty; a loaded machine may take seconds
                clock,
                new SimpleMeterRegistry());
    }

    @Test
    void keepsTheKeysForTheRefreshIntervalThenFetchesAgain() {
        assertThat(kids("k1")).containsExactly("k1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(kids("k1")).containsExactly("k1");
        assertThat(fetches()).isEqualTo(1);

        publish(new JWKSet(List.of(key("k1"), key("k2"))));
        clock.advance(Duration.ofMinutes(2));
        assertThat(kids("k1")).containsExactlyInAnyOrder("k1", "k2");
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void aRotatedKeyIsFetchedButUnknownKidsCauseAtMostOneFetchPerInterval() {
        assertThat(kids("k1")).containsExactly("k1");
        clock.advance(Duration.ofSeconds(31));
        publish(new JWKSet(List.of(key("k1"), key("k2"))));

        assertThat(kids("k2")).contains("k2");
        for (int i = 0; i < 100; i++) {
            assertThat(kids("invented-" + i)).doesNotContain("invented-" + i);
        }
        assertThat(fetches()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        kids("invented-again");
        assertThat(fetches()).isEqualTo(3);
    }

    @Test
    void whenTheEndpointFailsTheKnownKeysKeepServing() {
        assertThat(kids("k1")).containsExactly("k1");
        jwks.stubFor(get("/certs").willReturn(serverError()));
        clock.advance(Duration.ofMinutes(6));

        assertThat(kids("k1")).containsExactly("k1");
    }

    private static void publish(JWKSet keys) {
        jwks.stubFor(get("/certs").willReturn(okJson(keys.toString())));
    }

    private static int fetches() {
        return jwks.findAll(getRequestedFor(urlEqualTo("/certs"))).size();
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
