package com.chatbotsaas.gateway.tracing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Makes the request's trace context current while the call to the service is subscribed, just before the proxy
 * ({@link NettyRoutingFilter}) makes it. The OpenTelemetry Java agent's Reactor Netty instrumentation takes the
 * context current at that moment as the parent of the client span it starts, and sends that span in the call's
 * {@code traceparent}; so the service's spans join the request's trace.
 *
 * <p>The agent's Reactor instrumentation would carry the context there by itself, but it wraps every operator of
 * every chain to do so; on the gateway, switching it off took the throughput with the agent from 0.64× to 0.73–0.81×
 * of the throughput without the agent ({@code docs/benchmarks.md}, {@code docs/profiles/README.md}). So the gateway runs
 * with it off ({@code OTEL_INSTRUMENTATION_REACTOR_ENABLED=false}), and carries the request's context itself to the
 * calls that leave it ({@link RequestTraceContext}): this one, and the rate limit's Redis command. Without the agent
 * nothing was kept and the call passes through.
 *
 * <p>Its order ties with {@code WebsocketRoutingFilter}'s; either may run first, as that one only acts on
 * {@code ws}/{@code wss} routes and passes the others on.
 */
@Component
class TraceContextRoutingFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return RequestTraceContext.subscribedIn(exchange, () -> chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }
}
