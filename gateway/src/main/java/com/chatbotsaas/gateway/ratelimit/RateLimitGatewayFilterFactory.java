package com.chatbotsaas.gateway.ratelimit;

import com.chatbotsaas.gateway.client.ClientAddress;
import com.chatbotsaas.gateway.denial.Denial;
import com.chatbotsaas.gateway.denial.DenialEvents;
import com.chatbotsaas.gateway.ratelimit.RateLimitProperties.FailureMode;
import com.chatbotsaas.gateway.ratelimit.TokenBuckets.Decision;
import com.chatbotsaas.gateway.redis.GatewayRedis.RedisUnavailableException;
import com.chatbotsaas.gateway.tracing.RequestTraceContext;
import com.chatbotsaas.gateway.web.ErrorEnvelopes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A token bucket per caller on a route: {@code capacity} requests at once, refilled at {@code refill-per-second}.
 * Every answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}; a refused
 * request gets 429 {@code RATE_LIMITED} with {@code Retry-After} and becomes a denial event. When Redis cannot
 * decide in time the route lets the request pass or refuses it with 503, as configured, and a metric counts it.
 *
 * <pre>
 * - name: RateLimit
 *   args:
 *     bucket: credentials      # buckets of the same name share tokens across routes
 *     key: ip                  # user | ip | widget
 *     capacity: 20
 *     refill-per-second: 0.5
 *     on-redis-failure: allow  # optional; default gateway.rate-limit.on-redis-failure
 * </pre>
 */
@Component
class RateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<RateLimitGatewayFilterFactory.Config> {

    private final TokenBuckets buckets;
    private final RateLimitProperties properties;
    private final ErrorEnvelopes envelopes;
    private final DenialEvents denials;
    private final MeterRegistry meters;

    RateLimitGatewayFilterFactory(
            TokenBuckets buckets,
            RateLimitProperties properties,
            ErrorEnvelopes envelopes,
            DenialEvents denials,
            MeterRegistry meters) {
        super(Config.class);
        this.buckets = buckets;
        this.properties = properties;
        this.envelopes = envelopes;
        this.denials = denials;
        this.meters = meters;
    }

    @Override
    public GatewayFilter apply(Config config) {
        Assert.hasText(config.getBucket(), "RateLimit needs a bucket name");
        Assert.isTrue(config.getCapacity() > 0, "RateLimit capacity must be positive");
        Assert.isTrue(config.getRefillPerSecond() > 0, "RateLimit refill-per-second must be positive");
        FailureMode onFailure =
                config.getOnRedisFailure() != null ? config.getOnRedisFailure() : properties.onRedisFailure();
        String policy =
                config.getCapacity() + ";w=" + (long) Math.ceil(config.getCapacity() / config.getRefillPerSecond());
        Counter allowed = decisions(config, "allowed");
        Counter limited = decisions(config, "limited");
        Counter unavailable = Counter.builder("gateway.ratelimit.redis.unavailable")
                .description("Requests decided without Redis because it did not answer in time")
                .tag("bucket", config.getBucket())
                .tag("mode", onFailure.name().toLowerCase())
                .register(meters);
        Counter revoked = Counter.builder("gateway.revoked.tokens")
                .description("Requests refused because their access token was revoked (logout, password change)")
                .register(meters);
        return (exchange, chain) -> config.getKey() == KeyType.WIDGET
                        && WidgetKey.of(exchange.getRequest().getPath()) instanceof WidgetKey.Result.Invalid
                ? envelopes.write(exchange, HttpStatus.NOT_FOUND, "NOT_FOUND", "Resource not found")
                : exchange.getPrincipal()
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(principal -> {
                            String key = properties.keyPrefix() + config.getBucket() + ":"
                                    + key(config.getKey(), exchange, principal.orElse(null));
                            // In the request's trace even when the token check went on on another thread.
                            return RequestTraceContext.subscribedIn(
                                            exchange,
                                            () -> buckets.take(
                                                    key,
                                                    config.getCapacity(),
                                                    config.getRefillPerSecond(),
                                                    identity(principal.orElse(null))))
                                    .map(Optional::of)
                                    .onErrorResume(RedisUnavailableException.class, e -> Mono.just(Optional.empty()))
                                    .flatMap(decision -> {
                                        if (decision.isEmpty()) {
                                            unavailable.increment();
                                            return onFailure == FailureMode.ALLOW
                                                    ? chain.filter(exchange)
                                                    : refuseWithoutRedis(exchange);
                                        }
                                        if (decision.get().revoked()) {
                                            revoked.increment();
                                            return revoked(exchange, principal.orElse(null));
                                        }
                                        writeHeaders(exchange, config, policy, decision.get());
                                        if (decision.get().allowed()) {
                                            allowed.increment();
                                            return chain.filter(exchange);
                                        }
                                        limited.increment();
                                        return limit(exchange, config, decision.get(), principal.orElse(null));
                                    });
                        });
    }

    private Counter decisions(Config config, String outcome) {
        return Counter.builder("gateway.ratelimit.requests")
                .description("Rate-limit decisions per bucket")
                .tag("bucket", config.getBucket())
                .tag("outcome", outcome)
                .register(meters);
    }

    private static String key(KeyType type, ServerWebExchange exchange, @Nullable Principal principal) {
        String ip = "ip:" + ClientAddress.of(exchange).ip();
        return switch (type) {
            case USER -> principal instanceof JwtAuthenticationToken token ? "user:" + token.getName() : ip;
            case IP -> ip;
            case WIDGET -> {
                WidgetKey.Result widget = WidgetKey.of(exchange.getRequest().getPath());
                // Not a chatbot's path (an invalid key was refused before): one bucket per address for all of them.
                yield widget instanceof WidgetKey.Result.Key(String publicKey) ? "widget:" + publicKey + ":" + ip : ip;
            }
        };
    }

    private static void writeHeaders(ServerWebExchange exchange, Config config, String policy, Decision decision) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("RateLimit-Limit", Long.toString(config.getCapacity()));
        headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("RateLimit-Reset", Long.toString(seconds(decision.resetMillis())));
        headers.set("RateLimit-Policy", policy);
    }

    private Mono<Void> limit(ServerWebExchange exchange, Config config, Decision decision, @Nullable Principal who) {
        exchange.getResponse()
                .getHeaders()
                .set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds(decision.retryAfterMillis()))));
        denials.publish(
                exchange,
                Denial.of(who, 429, "RATE_LIMITED", "rate_limited", Map.of("rate_limit_bucket", config.getBucket())));
        return envelopes.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "Too many requests, slow down");
    }

    /** The session or the user's older tokens were revoked: the token no longer counts, as if it had expired. */
    private Mono<Void> revoked(ServerWebExchange exchange, @Nullable Principal who) {
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\", error_description=\"The access token was revoked\"");
        denials.publish(exchange, Denial.of(who, 401, "UNAUTHENTICATED", "revoked_token", Map.of()));
        return envelopes.write(
                exchange, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "The access token is invalid or expired");
    }

    /** What revocation is checked against: only for an access token that names its session. */
    private static TokenBuckets.@Nullable TokenIdentity identity(@Nullable Principal principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            String session = jwt.getClaimAsString("sid");
            Instant issued = jwt.getIssuedAt();
            if (session != null && !session.isBlank() && issued != null) {
                return new TokenBuckets.TokenIdentity(session, jwt.getSubject(), issued.getEpochSecond());
            }
            if (issued != null && jwt.getSubject() != null) {
                // A token without a session (client credentials): only the user-wide revocation applies.
                return new TokenBuckets.TokenIdentity("", jwt.getSubject(), issued.getEpochSecond());
            }
        }
        return null;
    }

    private Mono<Void> refuseWithoutRedis(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return envelopes.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "SERVICE_UNAVAILABLE",
                "The service is unavailable, try again later");
    }

    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }

    /** Whose bucket a request takes from. */
    enum KeyType {
        /** The token's subject when authenticated, else the client address. */
        USER,
        /** The client address. */
        IP,
        /** The widget's public key (from the path) together with the client address. */
        WIDGET
    }

    public static class Config {

        private String bucket = "";
        private KeyType key = KeyType.USER;
        private long capacity;
        private double refillPerSecond;
        private @Nullable FailureMode onRedisFailure;

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

        public KeyType getKey() {
            return key;
        }

        public void setKey(KeyType key) {
            this.key = key;
        }

        public long getCapacity() {
            return capacity;
        }

        public void setCapacity(long capacity) {
            this.capacity = capacity;
        }

        public double getRefillPerSecond() {
            return refillPerSecond;
        }

        public void setRefillPerSecond(double refillPerSecond) {
            this.refillPerSecond = refillPerSecond;
        }

        public @Nullable FailureMode getOnRedisFailure() {
            return onRedisFailure;
        }

        public void setOnRedisFailure(@Nullable FailureMode onRedisFailure) {
            this.onRedisFailure = onRedisFailure;
        }
    }
}
