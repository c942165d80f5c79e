package com.chatbotsaas.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * expiry and not-before are checked again on every use; at most {@code maxEntries} are remembered.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> timestamps;
    private final LongSupplier keySetGeneration;
    private final Duration maxAge;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();

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
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Entry entry = verified.get(token);
        long generation = keySetGeneration.getAsLong();
        if (entry != null && entry.generation() == generation && clock.instant().isBefore(entry.until())) {
            OAuth2TokenValidatorResult result = timestamps.validate(entry.jwt());
            if (!result.hasErrors()) {
                return Mono.just(entry.jwt());
            }
            verified.remove(token);
            return Mono.error(new BadJwtException("The token is expired or not yet valid"));
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt, generation));
    }

    private void remember(String token, Jwt jwt, long generation) {
        if (verified.size() >= maxEntries) {
            // Crude but bounded: start over rather than track recency on every hit.
            verified.clear();
        }
        verified.put(token, new Entry(jwt, generation, clock.instant().plus(maxAge)));
    }

    private record Entry(Jwt jwt, long generation, Instant until) {}
}
