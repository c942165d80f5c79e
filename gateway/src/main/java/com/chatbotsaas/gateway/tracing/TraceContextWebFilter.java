package com.chatbotsaas.gateway.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the request's trace context in the exchange, for the calls that leave the gateway
 * ({@link RequestTraceContext}). The OpenTelemetry Java agent's Netty instrumentation makes the request's server span
 * current while Netty reads the request, and that is when the first web filter runs; later the chain may go on on
 * another thread, where nothing is current. Without the agent no span is current and nothing is kept.
 */
@Component
class TraceContextWebFilter implements WebFilter, Ordered {

    static final String ATTRIBUTE = TraceContextWebFilter.class.getName() + ".context";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            exchange.getAttributes().put(ATTRIBUTE, current);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
