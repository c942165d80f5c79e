package com.chatbotsaas.gateway.security;

import com.chatbotsaas.platform.core.token.VerifiedTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies each token once, not once per request ({@link VerifiedTokens}): the RSA check and claim parsing are the
 * largest part of the gateway's own work. The key set's generation ({@link JwkSetCache}) is part of what a token was
 * verified under, so a key removed from the realm stops accepting the tokens it signed as soon as the key set is reloaded.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens verified;

    CachingJwtDecoder(
            ReactiveJwtDecoder delegate,
            OAuth2TokenValidator<Jwt> timestamps,
            LongSupplier keySetGeneration,
            Duration maxAge,
            int maxEntries,
            Clock clock) {
        this.delegate = delegate;
        this.verified = new VerifiedTokens(timestamps, keySetGeneration, maxAge, maxEntries, clock);
    }

    @Override
    public Mono<Jwt> decode(String token) {
        long generation = verified.generation();
        Jwt remembered;
        try {
            remembered = verified.recall(token, generation);
        } catch (BadJwtException e) {
            return Mono.error(e);
        }
        if (remembered != null) {
            return Mono.just(remembered);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.remember(token, jwt, generation));
    }

    /** How many tokens are remembered now, once pending evictions are done. */
    long remembered() {
        return verified.remembered();
    }
}
