package com.chatbotsaas.gateway.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Calls out of the gateway made in the request's trace. The OpenTelemetry Java agent's client instrumentations (Reactor
 * Netty's for the call to the service, Lettuce's for the rate limit's Redis command) take the context current when a
 * call is subscribed as the parent of their span. The chain may reach a call on a thread where nothing is current: after
 * Redis answered, or after the token check had to fetch the signing keys. So each call is assembled and subscribed
 * with the context {@link TraceContextWebFilter} kept; without the agent nothing was kept and the call is made as it
 * is.
 */
public final class RequestTraceContext {

    private RequestTraceContext() {}

    /** The call, assembled and subscribed — again on each retry — with the request's trace context current. */
    public static <T> Mono<T> subscribedIn(ServerWebExchange exchange, Supplier<Mono<T>> call) {
        Context context = exchange.getAttribute(TraceContextWebFilter.ATTRIBUTE);
        if (context == null) {
            return call.get();
        }
        return Mono.fromDirect(subscriber -> {
            try (Scope ignored = context.makeCurrent()) {
                call.get().subscribe(subscriber);
            }
        });
    }
}
