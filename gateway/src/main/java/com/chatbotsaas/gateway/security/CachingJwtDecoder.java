package com.chatbotsaas.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies each token once, not once per request: a client sends the same access token with every call for its
 * whole lifetime, and the RSA check and claim parsing are the largest part of the gateway's own work. A token is
 * remembered by its exact text for at most {@code maxAge}, only while the realm's key set is unchanged, and its
 * expiry and not-before are checked again on every use; at most {@code maxEntries} are remembered (Caffeine evicts
 * the least useful ones past that).
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> timestamps;
    private final LongSupplier keySetGeneration;
    private final Cache<String, Entry> verified;

    CachingJwtDecoder(
            ReactiveJwtDecoder delegate,
            OAuth2TokenValidator<Jwt> timestamps,
            LongSupplier keySetGeneration,
            Duration maxAge,
            int maxEntries,
            Clock clock) {
        this.delegate = delegate;
        this.timestamps = timestamps;
        this.keySetGeneration = keySetGeneration;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(maxAge)
                .ticker(() -> nanos(clock.instant()))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Entry entry = verified.getIfPresent(token);
        long generation = keySetGeneration.getAsLong();
        if (entry != null && entry.generation() == generation) {
            OAuth2TokenValidatorResult result = timestamps.validate(entry.jwt());
            if (!result.hasErrors()) {
                return Mono.just(entry.jwt());
            }
            verified.invalidate(token);
            return Mono.error(new BadJwtException("The token is expired or not yet valid"));
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt, generation));
    }

    private void remember(String token, Jwt jwt, long generation) {
        verified.put(token, new Entry(jwt, generation));
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

    private record Entry(Jwt jwt, long generation) {}
}
