package com.chatbotsaas.platform.security;

import com.chatbotsaas.platform.core.token.VerifiedTokens;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies each token once per {@code maxAge}, not once per request ({@link VerifiedTokens}): checking its RS256
 * signature was a quarter of a service's CPU on a simple authenticated call (docs/profiles). Only a token that passed
 * the full check (signature, issuer, audience, expiry) is remembered. The key set is Spring's own here, with no
 * generation to follow: a key removed from the realm keeps accepting the tokens already seen for at most
 * {@code maxAge}, while the gateway in front stops accepting them as soon as it has reloaded the key set.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final VerifiedTokens verified;

    CachingJwtDecoder(
            JwtDecoder delegate, OAuth2TokenValidator<Jwt> timestamps, Duration maxAge, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.verified = new VerifiedTokens(timestamps, () -> 0L, maxAge, maxEntries, clock);
    }

    @Override
    public Jwt decode(String token) {
        long generation = verified.generation();
        Jwt remembered = verified.recall(token, generation);
        if (remembered != null) {
            return remembered;
        }
        Jwt jwt = delegate.decode(token);
        verified.remember(token, jwt, generation);
        return jwt;
    }

    /** How many tokens are remembered now, once pending evictions are done. */
    long remembered() {
        return verified.remembered();
    }
}
