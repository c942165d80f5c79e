package com.chatbotsaas.gateway.ratelimit;

import com.chatbotsaas.gateway.client.ClientAddress;
import com.chatbotsaas.gateway.denial.Denial;
import com.chatbotsaas.gateway.denial.DenialEvents;
import com.chatbotsaas.gateway.web.ErrorEnvelopes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bounds the long-lived responses (server-sent events) proxied at once, so that streams cannot take every connection
 * of the pool towards a service and ordinary calls always find one: at most {@code max-per-user} per caller (the
 * token's subject, else the client address) and {@code max-total} in all, which must stay below the pool's
 * {@code max-connections}. A stream past either cap gets 429 {@code RATE_LIMITED} with {@code Retry-After}. Counted
 * in memory, per gateway instance: the caps are per instance, and a stream holds its place until it ends.
 *
 * <pre>
 * - name: StreamLimit
 *   args:
 *     max-per-user: 20
 *     max-total: 250
 * </pre>
 */
@Component
class StreamLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<StreamLimitGatewayFilterFactory.Config> {

    private final ConcurrentHashMap<String, Integer> perCaller = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ErrorEnvelopes envelopes;
    private final DenialEvents denials;
    private final Counter refusedPerUser;
    private final Counter refusedTotal;

    StreamLimitGatewayFilterFactory(ErrorEnvelopes envelopes, DenialEvents denials, MeterRegistry meters) {
        super(Config.class);
        this.envelopes = envelopes;
        this.denials = denials;
        Gauge.builder("gateway.streams.active", total, AtomicInteger::get)
                .description("Proxied streams open on this instance")
                .register(meters);
        this.refusedPerUser = refused(meters, "user");
        this.refusedTotal = refused(meters, "total");
    }

    private static Counter refused(MeterRegistry meters, String cap) {
        return Counter.builder("gateway.streams.refused")
                .description("Streams refused because a cap was reached")
                .tag("cap", cap)
                .register(meters);
    }

    @Override
    public GatewayFilter apply(Config config) {
        Assert.isTrue(config.getMaxPerUser() > 0, "StreamLimit max-per-user must be positive");
        Assert.isTrue(config.getMaxTotal() > 0, "StreamLimit max-total must be positive");
        // Ordered before the filter that writes the response body: the chain below completes only once the stream
        // has ended, not when its headers arrived.
        return new OrderedGatewayFilter(
                (exchange, chain) -> exchange.getPrincipal()
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(principal -> {
                            String caller = caller(exchange, principal.orElse(null));
                            if (!takeTotal(config)) {
                                refusedTotal.increment();
                                return refuse(exchange, principal.orElse(null));
                            }
                            if (!takeCaller(caller, config)) {
                                total.decrementAndGet();
                                refusedPerUser.increment();
                                return refuse(exchange, principal.orElse(null));
                            }
                            AtomicBoolean released = new AtomicBoolean();
                            // Ends, fails or is cancelled (the client went away): the place is given back once.
                            return chain.filter(exchange).doFinally(signal -> {
                                if (released.compareAndSet(false, true)) {
                                    giveBack(caller);
                                }
                            });
                        }),
                NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
    }

    private boolean takeTotal(Config config) {
        int now = total.incrementAndGet();
        if (now > config.getMaxTotal()) {
            total.decrementAndGet();
            return false;
        }
        return true;
    }

    private boolean takeCaller(String caller, Config config) {
        boolean[] taken = {false};
        perCaller.compute(caller, (key, open) -> {
            int current = open == null ? 0 : open;
            if (current >= config.getMaxPerUser()) {
                return open;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    private void giveBack(String caller) {
        perCaller.computeIfPresent(caller, (key, open) -> open <= 1 ? null : open - 1);
        total.decrementAndGet();
    }

    private static String caller(ServerWebExchange exchange, @Nullable Principal principal) {
        return principal instanceof JwtAuthenticationToken token
                ? "user:" + token.getName()
                : "ip:" + ClientAddress.of(exchange).ip();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, @Nullable Principal who) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        denials.publish(
                exchange, Denial.of(who, 429, "RATE_LIMITED", "rate_limited", Map.of("rate_limit_bucket", "streams")));
        return envelopes.write(
                exchange, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "Too many open streams, close one first");
    }

    public static class Config {

        private int maxPerUser;
        private int maxTotal;

        public int getMaxPerUser() {
            return maxPerUser;
        }

        public void setMaxPerUser(int maxPerUser) {
            this.maxPerUser = maxPerUser;
        }

        public int getMaxTotal() {
            return maxTotal;
        }

        public void setMaxTotal(int maxTotal) {
            this.maxTotal = maxTotal;
        }
    }
}
