package com.chatbotsaas.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies each token once per {@code maxAge}, not once per request. A caller sends the same access token with every
 * call for its whole lifetime, and checking its RS256 signature was a quarter of a service's CPU on a simple
 * authenticated call (docs/profiles). A token is remembered by its exact text, only after the full check (signature,
 * issuer, audience, expiry) passed; its expiry and not-before are checked again on every use; at most
 * {@code maxEntries} are remembered (Caffeine evicts the least useful past that). A key removed from the realm stops
 * accepting tokens already seen within {@code maxAge}, as at the gateway.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> timestamps;
    private final Cache<String, Jwt> verified;

    CachingJwtDecoder(
            JwtDecoder delegate, OAuth2TokenValidator<Jwt> timestamps, Duration maxAge, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.timestamps = timestamps;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(maxAge)
                .ticker(() -> nanos(clock.instant()))
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt remembered = verified.getIfPresent(token);
        if (remembered != null) {
            OAuth2TokenValidatorResult result = timestamps.validate(remembered);
            if (!result.hasErrors()) {
                return remembered;
            }
            verified.invalidate(token);
            throw new BadJwtException("The token is expired or not yet valid");
        }
        Jwt jwt = delegate.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    /** How many tokens are remembered now, once pending evictions are done. */
    long remembered() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** The clock as Caffeine's ticker, so that expiry follows the same time as the token checks. */
    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
