package com.chatbotsaas.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class TraceContextFiltersTest {

    private static final Context REQUEST = Context.root()
            .with(Span.wrap(SpanContext.create(
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    TraceFlags.getSampled(),
                    TraceState.getDefault())));

    private final MockServerWebExchange exchange =
            MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/permissions"));

    @Test
    void theFirstWebFilterKeepsTheContextCurrentWhileTheRequestIsRead() {
        try (Scope ignored = REQUEST.makeCurrent()) {
            new TraceContextWebFilter().filter(exchange, e -> Mono.empty()).block();
        }
        Context kept = exchange.getAttribute(TraceContextWebFilter.ATTRIBUTE);
        assertThat(kept).isSameAs(REQUEST);
    }

    @Test
    void withoutASpanNothingIsKeptAndTheCallPassesThrough() {
        new TraceContextWebFilter().filter(exchange, e -> Mono.empty()).block();
        assertThat(exchange.getAttributes()).doesNotContainKey(TraceContextWebFilter.ATTRIBUTE);

        AtomicReference<Context> atCall = new AtomicReference<>();
        new TraceContextRoutingFilter()
                .filter(exchange, e -> Mono.fromRunnable(() -> atCall.set(Context.current())))
                .block();
        assertThat(atCall.get()).isSameAs(Context.root());
    }

    @Test
    void theCallIsSubscribedInTheKeptContextOnWhateverThreadTheChainGoesOn() {
        exchange.getAttributes().put(TraceContextWebFilter.ATTRIBUTE, REQUEST);
        AtomicReference<Context> atCall = new AtomicReference<>();

        // As after the rate limit: the chain goes on on another thread (Redis's answer), where nothing is current.
        Scheduler redisAnswers = Schedulers.newSingle("redis-answers");
        try {
            Mono.delay(Duration.ofMillis(1), redisAnswers)
                    .then(new TraceContextRoutingFilter()
                            .filter(
                                    exchange,
                                    e -> Mono.defer(() -> {
                                        atCall.set(Context.current());
                                        return Mono.<Void>empty();
                                    })))
                    .block();

            assertThat(atCall.get()).isSameAs(REQUEST);
            assertNothingLeftCurrentOn(redisAnswers);
        } finally {
            redisAnswers.dispose();
        }
    }

    @Test
    void aRetriedCallIsSubscribedInTheKeptContextAgainAndKeepsTheReactorContext() {
        exchange.getAttributes().put(TraceContextWebFilter.ATTRIBUTE, REQUEST);
        List<Context> atCalls = new CopyOnWriteArrayList<>();
        List<String> reactorValues = new CopyOnWriteArrayList<>();

        new TraceContextRoutingFilter()
                .filter(
                        exchange,
                        e -> Mono.deferContextual(reactor -> {
                            atCalls.add(Context.current());
                            reactorValues.add(reactor.getOrDefault("route", "none"));
                            return atCalls.size() < 2
                                    ? Mono.error(new IllegalStateException("refused"))
                                    : Mono.<Void>empty();
                        }))
                .retry(1)
                .contextWrite(reactor -> reactor.put("route", "user-org-service"))
                .block();

        assertThat(atCalls).containsExactly(REQUEST, REQUEST);
        assertThat(reactorValues).containsExactly("user-org-service", "user-org-service");
        assertThat(Context.current()).isSameAs(Context.root());
    }

    @Test
    void aCallOutOfTheGatewayIsAssembledAndSubscribedInTheKeptContextAfterAThreadHop() {
        exchange.getAttributes().put(TraceContextWebFilter.ATTRIBUTE, REQUEST);
        AtomicReference<Context> atAssembly = new AtomicReference<>();

        // As the rate limit's Redis command after the token check fetched the signing keys on the HTTP client's thread.
        Scheduler keyFetch = Schedulers.newSingle("key-fetch");
        try {
            Context atSubscription = Mono.delay(Duration.ofMillis(1), keyFetch)
                    .then(RequestTraceContext.subscribedIn(exchange, () -> {
                        atAssembly.set(Context.current());
                        return Mono.fromCallable(Context::current);
                    }))
                    .block();

            assertThat(atAssembly.get()).isSameAs(REQUEST);
            assertThat(atSubscription).isSameAs(REQUEST);
            assertNothingLeftCurrentOn(keyFetch);
        } finally {
            keyFetch.dispose();
        }
    }

    @Test
    void aRetriedCallIsAssembledAgainForEachSubscription() {
        exchange.getAttributes().put(TraceContextWebFilter.ATTRIBUTE, REQUEST);
        List<Context> assemblies = new CopyOnWriteArrayList<>();

        String answer = RequestTraceContext.subscribedIn(exchange, () -> {
                    assemblies.add(Context.current());
                    return assemblies.size() < 2 ? Mono.error(new IllegalStateException("refused")) : Mono.just("ok");
                })
                .retry(1)
                .block();

        assertThat(answer).isEqualTo("ok");
        assertThat(assemblies).containsExactly(REQUEST, REQUEST);
    }

    @Test
    void withoutAKeptContextTheCallIsMadeAsItIs() {
        Mono<String> call = Mono.just("answer");
        assertThat(RequestTraceContext.subscribedIn(exchange, () -> call)).isSameAs(call);
    }

    private static void assertNothingLeftCurrentOn(Scheduler thread) {
        AtomicReference<Context> leftOnThread = new AtomicReference<>();
        thread.schedule(() -> leftOnThread.set(Context.current()));
        await().atMost(Duration.ofSeconds(5)).untilAtomic(leftOnThread, notNullValue());
        assertThat(leftOnThread.get()).as("nothing stays current on the thread").isSameAs(Context.root());
    }

    @Test
    void runsRightBeforeTheProxy() {
        assertThat(new TraceContextRoutingFilter().getOrder()).isEqualTo(NettyRoutingFilter.ORDER - 1);
        assertThat(new TraceContextWebFilter().getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
    }
}
