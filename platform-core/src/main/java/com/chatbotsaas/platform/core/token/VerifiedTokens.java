package com.chatbotsaas.platform.core.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Access tokens whose full check passed (signature, issuer, audience, expiry), remembered so that each is verified
 * once per {@code maxAge} rather than on every request: a caller sends the same token with every call for its whole
 * lifetime, and the RS256 check and claim parsing were the largest part of the gateway's own work and a quarter of a
 * service's CPU on a simple authenticated call (docs/profiles). The gateway's reactive decoder and the services'
 * servlet decoder both keep their tokens here.
 *
 * <p>A token is remembered by its exact text, for at most {@code maxAge}, only while the key set's generation is the
 * one it was verified under (where the generation follows the key set, a key removed from the realm stops accepting
 * the tokens it signed as soon as the key set is reloaded; a constant generation leaves that to {@code maxAge}); its expiry and not-before are
 * checked again on every use; at most {@code maxEntries} are remembered (Caffeine evicts the least useful past that).
 */
public final class VerifiedTokens {

    private final OAuth2TokenValidator<Jwt> timestamps;
    private final LongSupplier keySetGeneration;
    private final Cache<String, Entry> verified;

    /**
     * @param timestamps the expiry and not-before check, run on every use of a remembered token
     * @param keySetGeneration changes whenever the key set does
     */
    public VerifiedTokens(
            OAuth2TokenValidator<Jwt> timestamps,
            LongSupplier keySetGeneration,
            Duration maxAge,
            int maxEntries,
            Clock clock) {
        this.timestamps = timestamps;
        this.keySetGeneration = keySetGeneration;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(maxAge)
                .ticker(() -> nanos(clock.instant()))
                .build();
    }

    /** The key set's generation now: read once per decode, and given to {@link #recall} and {@link #remember}. */
    public long generation() {
        return keySetGeneration.getAsLong();
    }

    /**
     * The token as verified before under this generation, or {@code null} when it must be verified (never seen,
     * evicted, older than {@code maxAge}, or verified under other keys).
     *
     * @throws BadJwtException when it was verified but is now expired or not yet valid (it is forgotten)
     */
    public @Nullable Jwt recall(String token, long generation) {
        Entry entry = verified.getIfPresent(token);
        if (entry == null || entry.generation() != generation) {
            return null;
        }
        if (!timestamps.validate(entry.jwt()).hasErrors()) {
            return entry.jwt();
        }
        verified.invalidate(token);
        throw new BadJwtException("The token is expired or not yet valid");
    }

    /** Remembers a token that passed the full check under this generation. */
    public void remember(String token, Jwt jwt, long generation) {
        verified.put(token, new Entry(jwt, generation));
    }

    /** How many tokens are remembered now, once pending evictions are done. */
    public long remembered() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** The clock as Caffeine's ticker, so that expiry follows the same time as the token checks. */
    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private record Entry(Jwt jwt, long generation) {}
}
