package com.chatbotsaas.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

class CachingJwtDecoderTest {

    private final AtomicInteger verifications = new AtomicInteger();
    private Instant now = Instant.parse("2026-01-27T10:00:00Z");
    private final Clock clock = new Clock() {
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
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(
            token -> {
                verifications.incrementAndGet();
                return jwt(token, now.plusSeconds(300));
            },
            timestamps(),
            Duration.ofSeconds(60),
            100,
            clock);

    @Test
    void verifiesAGivenTokenOncePerMaxAge() {
        decode("a");
        decode("a");
        decode("b");
        assertThat(verifications).hasValue(2);

        now = now.plusSeconds(61);
        decode("a");
        assertThat(verifications).hasValue(3);
    }

    @Test
    void remembersNothingTheDelegateRefused() {
        CachingJwtDecoder refusing = new CachingJwtDecoder(
                token -> {
                    verifications.incrementAndGet();
                    throw new BadJwtException("bad signature");
                },
                timestamps(),
                Duration.ofSeconds(60),
                100,
                clock);

        assertThatThrownBy(() -> refusing.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> refusing.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(refusing.remembered()).isZero();
    }

    @Test
    void refusesARememberedTokenOnceItExpired() {
        CachingJwtDecoder shortLived = new CachingJwtDecoder(
                token -> jwt(token, now.plusSeconds(5)), timestamps(), Duration.ofSeconds(60), 100, clock);
        assertThat(shortLived.decode("a")).isNotNull();

        now = now.plusSeconds(10);

        assertThatThrownBy(() -> shortLived.decode("a")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void remembersAtMostMaxEntriesTokens() {
        CachingJwtDecoder small = new CachingJwtDecoder(
                token -> {
                    verifications.incrementAndGet();
                    return jwt(token, now.plusSeconds(300));
                },
                timestamps(),
                Duration.ofSeconds(60),
                3,
                clock);
        for (int i = 0; i < 50; i++) {
            assertThat(small.decode("token-" + i)).isNotNull();
        }

        assertThat(small.remembered()).isLessThanOrEqualTo(3);
        assertThat(verifications).hasValue(50);
    }

    private JwtTimestampValidator timestamps() {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ofSeconds(1));
        validator.setClock(clock);
        return validator;
    }

    private void decode(String token) {
        assertThat(decoder.decode(token)).isNotNull();
    }

    private Jwt jwt(String token, Instant expiry) {
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("someone")
                .issuedAt(now)
                .expiresAt(expiry)
                .build();
    }
}
