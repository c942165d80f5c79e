package com.chatbotsaas.platform.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * W3C trace context of events. An event records the {@code traceparent} of the request that caused it, and the relay
 * publishes it in that context, so that with the OpenTelemetry Java agent attached the broker hop and every consumer
 * join the request's trace although the relay runs later, on its own thread. Without the agent the API is a no-op and
 * only the recorded {@code traceparent} remains.
 */
public final class TraceContext {

    private static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<String> FROM_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public @Nullable String get(@Nullable String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {}

    /** The {@code traceparent} of the current span when a tracer runs, else the given one (e.g. a request header). */
    public static @Nullable String currentTraceparent(@Nullable String fallback) {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return fallback;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /** Makes the context a {@code traceparent} describes current until the returned scope is closed. */
    static Scope resume(@Nullable String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Scope.noop();
        }
        return W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), traceparent, FROM_VALUE)
                .makeCurrent();
    }
}
