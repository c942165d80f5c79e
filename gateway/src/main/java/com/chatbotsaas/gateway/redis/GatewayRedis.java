package com.chatbotsaas.gateway.redis;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * A few Redis connections for the whole gateway, opened in the background; a connection that cannot be opened is tried
 * again every {@code retryInterval}, also when no request asks, so that a gateway that started before Redis is
 * connected by the time traffic comes (a connection that was open and dropped is reconnected by Lettuce). A request never waits for it: while it is not connected, or while the
 * {@code redis} circuit breaker is open — for {@code retryInterval} after commands failed
 * or timed out three times in a row, then until one trial command answers — {@link #call} fails at once with
 * {@link RedisUnavailableException}; so a Redis outage costs a request at most one {@code commandTimeout}, and most
 * requests nothing.
 */
@Component
public class GatewayRedis implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GatewayRedis.class);
    private static final int FAILURES_BEFORE_PAUSE = 3;
    static final String BREAKER = "redis";

    private final RedisClient client;
    private final RedisURI uri;
    private final GatewayRedisProperties properties;
    private final Duration commandTimeout;
    private final long retryIntervalNanos;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private volatile boolean closed;
    private final CircuitBreaker breaker;
    private final AtomicLong nextConnectAt = new AtomicLong(System.nanoTime());
    private final Timer latency;
    /**
     * Several connections, each on its own Lettuce I/O thread: an answer continues the request's work (routing,
     * proxying) on the thread it arrived on, so one connection would serialize every request of the gateway, and
     * handing answers to another pool would add a thread hop to each.
     */
    private final AtomicReferenceArray<StatefulRedisConnection<String, String>> connections;

    private final AtomicInteger roundRobin = new AtomicInteger();

    GatewayRedis(GatewayRedisProperties properties, MeterRegistry meters, CircuitBreakerRegistry breakers) {
        this.latency = Timer.builder("gateway.redis.latency")
                .description("Redis round trips that answered")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(properties.host())
                .withPort(properties.port())
                .withDatabase(properties.database())
                .withSsl(properties.ssl())
                // Lettuce bounds the connection handshake with this; commands are bounded by the timeout options.
                .withTimeout(properties.connectTimeout());
        if (StringUtils.hasText(properties.password())) {
            String password = properties.password();
            if (StringUtils.hasText(properties.username())) {
                builder.withAuthentication(properties.username(), password);
            } else {
                builder.withPassword(password.toCharArray());
            }
        }
        this.uri = builder.build();
        this.properties = properties;
        this.commandTimeout = properties.commandTimeout();
        this.retryIntervalNanos = properties.retryInterval().toNanos();
        // One slow answer (a busy host) is not an outage; several in a row are: the last three calls all failed.
        this.breaker = breakers.circuitBreaker(
                BREAKER,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(FAILURES_BEFORE_PAUSE)
                        .minimumNumberOfCalls(FAILURES_BEFORE_PAUSE)
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(properties.retryInterval())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Commands fail at once while disconnected instead of queueing behind a reconnect.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .requestQueueSize(10_000)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(properties.connectTimeout())
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .build());
        this.connections =
                new AtomicReferenceArray<>(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
        connectInBackground();
    }

    /**
     * Runs commands on the connection within the command timeout. Fails with {@link RedisUnavailableException}
     * without touching Redis when it is known to be unavailable (the breaker is open); every failure counts toward
     * opening it.
     */
    public <T> Mono<T> call(Function<RedisReactiveCommands<String, String>, Mono<T>> commands) {
        StatefulRedisConnection<String, String> current = pick();
        if (current == null) {
            connectInBackground();
            return Mono.error(new RedisUnavailableException("not connected"));
        }
        return Mono.defer(() -> {
                    long started = System.nanoTime();
                    return commands.apply(current.reactive())
                            .doOnSuccess(ok -> latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
                })
                .timeout(commandTimeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(CallNotPermittedException.class, e -> new RedisUnavailableException("failed recently"))
                .onErrorMap(e -> !(e instanceof RedisUnavailableException), RedisUnavailableException::new);
    }

    private @Nullable StatefulRedisConnection<String, String> pick() {
        int size = connections.length();
        int start = Math.floorMod(roundRobin.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            StatefulRedisConnection<String, String> candidate = connections.get((start + i) % size);
            if (candidate != null) {
                if (i > 0) {
                    connectInBackground();
                }
                return candidate;
            }
        }
        return null;
    }

    /**
     * A client of the same Redis for work off the requests' path (the denial relay): connections of its own, so that
     * neither a blocking call nor a slow answer there holds up a rate-limit decision, with its own command timeout
     * and none of the rate limiter's breaker. The caller connects it ({@code connect(StringCodec.UTF8)}) and shuts it
     * down.
     */
    public RedisClient dedicatedClient(Duration commandTimeout) {
        RedisClient dedicated = RedisClient.create(uri);
        dedicated.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(properties.connectTimeout())
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        return dedicated;
    }

    /** A PING within the command timeout; false when Redis is unavailable. */
    public Mono<Boolean> ping() {
        return call(redis -> redis.ping()).map("PONG"::equals).onErrorReturn(false);
    }

    /** At most one attempt at a time, and one per retry interval, however many requests ask. */
    private void connectInBackground() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long next = nextConnectAt.get();
        if (now - next < 0 || !nextConnectAt.compareAndSet(next, now + retryIntervalNanos)) {
            return;
        }
        if (!connecting.compareAndSet(false, true)) {
            return;
        }
        int slot = -1;
        for (int i = 0; i < connections.length() && slot < 0; i++) {
            if (connections.get(i) == null) {
                slot = i;
            }
        }
        if (slot < 0) {
            connecting.set(false);
            return;
        }
        int target = slot;
        try {
            client.connectAsync(StringCodec.UTF8, uri)
                    .whenComplete((opened, failure) -> connected(target, opened, failure));
        } catch (RuntimeException e) {
            connected(target, null, e);
        }
    }

    private void connected(
            int target, @Nullable StatefulRedisConnection<String, String> opened, @Nullable Throwable failure) {
        if (closed) {
            if (opened != null) {
                opened.closeAsync();
            }
            connecting.set(false);
            return;
        }
        if (opened != null) {
            // Stored before the next attempt may start, so that no attempt opens a second connection into this slot.
            connections.set(target, opened);
            connecting.set(false);
            if (unreachable.compareAndSet(true, false) || target == 0) {
                log.info("Connected to Redis at {}:{}", uri.getHost(), uri.getPort());
            }
            // Open the others right away; only failures wait for the retry interval.
            nextConnectAt.set(System.nanoTime());
            connectInBackground();
            return;
        }
        connecting.set(false);
        String reason = failure != null ? failure.getMessage() : "no connection";
        if (unreachable.compareAndSet(false, true)) {
            if (target == 0) {
                log.warn(
                        "Cannot connect to Redis at {}:{} ({}); rate limits decide without it, trying again every {}",
                        uri.getHost(),
                        uri.getPort(),
                        reason,
                        properties.retryInterval());
            } else {
                log.warn(
                        "Cannot open another connection to Redis at {}:{} ({}); trying again every {}",
                        uri.getHost(),
                        uri.getPort(),
                        reason,
                        properties.retryInterval());
            }
        } else {
            log.debug("Still cannot connect to Redis: {}", reason);
        }
        retryLater();
    }

    /** The next attempt once the retry interval has passed, whether or not a request comes to ask for it. */
    private void retryLater() {
        if (closed) {
            return;
        }
        try {
            client.getResources()
                    .eventExecutorGroup()
                    .schedule(this::connectInBackground, retryIntervalNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }

    @Override
    public void destroy() {
        closed = true;
        for (int i = 0; i < connections.length(); i++) {
            StatefulRedisConnection<String, String> current = connections.get(i);
            if (current != null) {
                current.close();
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** Redis could not answer in time, or is known to be down. */
    public static class RedisUnavailableException extends RuntimeException {

        RedisUnavailableException(String message) {
            super(message, null, false, false);
        }

        RedisUnavailableException(Throwable cause) {
            super(cause.getClass().getSimpleName(), cause, false, false);
        }
    }
}
