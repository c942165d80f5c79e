package com.chatbotsaas.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The realm's signing keys, fetched from the JWKS endpoint and kept for {@code refreshInterval}. A token naming an
 * unknown {@code kid} (a rotated key) triggers a fetch, but at most one per {@code minRefetchInterval}: otherwise a
 * flood of tokens with invented kids would become a flood of fetches against Keycloak. Concurrent callers share one
 * fetch; when a refresh fails, the keys already known keep serving.
 */
final class JwkSetCache implements Function<SignedJWT, Flux<JWK>> {

    private static final Logger log = LoggerFactory.getLogger(JwkSetCache.class);

    private final WebClient http;
    private final String jwkSetUri;
    private final Duration refreshInterval;
    private final Duration minRefetchInterval;
    private final Duration fetchTimeout;
    private final Clock clock;
    private final Counter fetches;
    private final AtomicReference<@Nullable Keys> keys = new AtomicReference<>();
    private final AtomicReference<@Nullable Mono<Keys>> inFlight = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile Instant lastAttempt = Instant.MIN;

    JwkSetCache(
            WebClient http,
            String jwkSetUri,
            Duration refreshInterval,
            Duration minRefetchInterval,
            Duration fetchTimeout,
            Clock clock,
            MeterRegistry meters) {
        this.http = http;
        this.jwkSetUri = jwkSetUri;
        this.refreshInterval = refreshInterval;
        this.minRefetchInterval = minRefetchInterval;
        this.fetchTimeout = fetchTimeout;
        this.clock = clock;
        this.fetches = Counter.builder("gateway.jwks.fetches")
                .description("Fetches of the JWKS (key set) endpoint")
                .register(meters);
    }

    /** Changes whenever the fetched key set differs from the one before: what was verified before may not hold. */
    long generation() {
        return generation.get();
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        Keys current = keys.get();
        Instant now = clock.instant();
        if (current == null) {
            // No keys yet (Keycloak unreachable since start): retry at most once a second, not once a request.
            if (inFlight.get() == null && now.isBefore(lastAttempt.plus(Duration.ofSeconds(1)))) {
                return Flux.error(new IllegalStateException("The signing keys are not available yet"));
            }
            return refresh().flatMapIterable(Keys::all);
        }
        boolean stale = now.isAfter(current.fetchedAt().plus(refreshInterval));
        boolean unknownKid = kid != null && !current.has(kid);
        boolean mayRefetch = !now.isBefore(lastAttempt.plus(minRefetchInterval));
        if ((stale || unknownKid) && mayRefetch) {
            return refresh().onErrorReturn(current).flatMapIterable(Keys::all);
        }
        // An unknown kid within the refetch interval matches no key: the token is rejected as invalid.
        return Flux.fromIterable(current.all());
    }

    /** One fetch for every concurrent caller. */
    private Mono<Keys> refresh() {
        while (true) {
            Mono<Keys> running = inFlight.get();
            if (running != null) {
                return running;
            }
            // Cleared before the keys reach any caller (doOnTerminate, not doFinally): a caller that goes on at once
            // must not find the finished fetch still in flight and be handed its old answer instead of a new fetch.
            Mono<Keys> fetch = fetch().doOnTerminate(() -> inFlight.set(null))
                    .doOnCancel(() -> inFlight.set(null))
                    .cache();
            if (inFlight.compareAndSet(null, fetch)) {
                return fetch;
            }
        }
    }

    private Mono<Keys> fetch() {
        return Mono.defer(() -> {
                    lastAttempt = clock.instant();
                    fetches.increment();
                    return http.get()
                            .uri(jwkSetUri)
                            .accept(MediaType.APPLICATION_JSON)
                            .retrieve()
                            .bodyToMono(String.class)
                            .timeout(fetchTimeout);
                })
                .map(body -> {
                    try {
                        Keys fetched = new Keys(JWKSet.parse(body).getKeys(), clock.instant());
                        Keys previous = keys.getAndSet(fetched);
                        if (previous == null || !previous.all().equals(fetched.all())) {
                            generation.incrementAndGet();
                        }
                        return fetched;
                    } catch (ParseException e) {
                        throw new IllegalStateException("The JWKS endpoint answered no key set", e);
                    }
                })
                .doOnError(e -> log.warn("Cannot fetch the signing keys from {}: {}", jwkSetUri, e.toString()));
    }

    private record Keys(List<JWK> all, Instant fetchedAt) {

        boolean has(String kid) {
            return all.stream().anyMatch(key -> kid.equals(key.getKeyID()));
        }
    }
}
