package com.chatbotsaas.gateway.denial;

import com.chatbotsaas.gateway.client.ClientAddress;
import com.chatbotsaas.gateway.web.RequestIds;
import com.chatbotsaas.platform.core.amqp.ConfirmedPublisher;
import com.chatbotsaas.platform.core.amqp.ConfirmedPublisher.Outgoing;
import com.chatbotsaas.platform.core.id.Uuids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes {@code gateway.request.deny.failure} events. A request only offers its denial to a sampler and a
 * bounded queue and never waits: one publisher thread sends what the sampler let through to the broker, with
 * publisher confirms and {@code mandatory}, and retries a few times. Denials beyond the sampler's rate are counted,
 * and the count travels in the next published event ({@code data.suppressed}); so audit sees that a flood happened
 * and how large it was, without storing every request of it. Delivery is at most once: a gateway restart or a long
 * broker outage loses what is queued (the gateway has no database for an outbox), and the metrics say so.
 */
@Component
public class DenialEvents implements SmartLifecycle {

    static final String ACTION = "gateway.request.deny";
    static final String ROUTING_KEY = ACTION + ".failure";
    private static final Logger log = LoggerFactory.getLogger(DenialEvents.class);
    private static final int BATCH = 100;

    private final ConfirmedPublisher broker;
    private final JsonMapper json;
    private final DenialProperties properties;
    private final Sampler sampler;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong suppressed = new AtomicLong();
    private final Counter published;
    private final Counter suppressedCount;
    private final Counter dropped;
    private final Counter failed;
    private volatile @Nullable Thread publisher;
    private volatile boolean stopping;

    DenialEvents(RabbitTemplate rabbit, JsonMapper json, DenialProperties properties, MeterRegistry meters) {
        this.broker = new ConfirmedPublisher(rabbit, properties.confirmTimeout());
        this.json = json;
        this.properties = properties;
        this.sampler = new Sampler(properties.perSecond(), properties.burst());
        this.queue = new ArrayBlockingQueue<>(Math.max(1, properties.queueCapacity()));
        this.published = counter(meters, "published");
        this.suppressedCount = counter(meters, "suppressed");
        this.dropped = counter(meters, "dropped");
        this.failed = counter(meters, "failed");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("gateway.denials")
                .description("Denials decided by the gateway, by what became of their event")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** Records a denial of the exchange's request; returns at once. */
    public void publish(ServerWebExchange exchange, Denial denial) {
        if (!properties.enabled()) {
            return;
        }
        if (!sampler.tryAcquire()) {
            suppressed.incrementAndGet();
            suppressedCount.increment();
            return;
        }
        long before = suppressed.getAndSet(0);
        String id = Uuids.v7().toString();
        if (!queue.offer(new Pending(id, event(id, exchange, denial, before), 0))) {
            suppressed.addAndGet(before);
            dropped.increment();
        }
    }

    private String event(String id, ServerWebExchange exchange, Denial denial, long suppressedBefore) {
        ServerHttpRequest request = exchange.getRequest();
        ClientAddress client = ClientAddress.of(exchange);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/gateway");
        event.put("type", "com.chatbotsaas." + ACTION);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("datacontenttype", "application/json");
        if (denial.actorId() != null) {
            event.put("actorid", denial.actorId());
        }
        event.put("actortype", denial.actorType());
        String requestId = RequestIds.of(exchange);
        if (requestId != null) {
            event.put("requestid", requestId);
        }
        String traceparent = request.getHeaders().getFirst("traceparent");
        if (traceparent != null) {
            event.put("traceparent", truncate(traceparent, 128));
        }
        event.put("clientip", client.ip());
        String userAgent = request.getHeaders().getFirst("User-Agent");
        if (userAgent != null) {
            event.put("useragent", truncate(userAgent, 512));
        }
        event.put("outcome", "failure");
        event.put("statuscode", denial.status());
        event.put("errorcode", denial.errorCode());
        ObjectNode data = event.putObject("data");
        data.put("resource_type", "route");
        if (route != null) {
            data.put("resource_id", route.getId());
        } else {
            data.putNull("resource_id");
        }
        data.put("reason", denial.reason());
        data.put("method", request.getMethod().name());
        // The path only: a query string may carry what must never be stored (tokens, e-mail addresses).
        data.put("path", truncate(request.getPath().value(), 512));
        denial.details().forEach((name, value) -> data.putPOJO(name, value));
        data.put("suppressed", suppressedBefore);
        return json.writeValueAsString(event);
    }

    private void run() {
        List<Pending> retry = new ArrayList<>();
        long backoffMillis = 0;
        while (publisher == Thread.currentThread()) {
            if (stopping && retry.isEmpty() && queue.isEmpty()) {
                return;
            }
            try {
                if (backoffMillis > 0) {
                    TimeUnit.MILLISECONDS.sleep(backoffMillis);
                }
                List<Pending> batch = new ArrayList<>(retry);
                retry.clear();
                if (batch.isEmpty()) {
                    Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                queue.drainTo(batch, BATCH - batch.size());
                List<Pending> unsent = send(batch);
                for (Pending pending : unsent) {
                    if (pending.attempts() + 1 < properties.maxAttempts()) {
                        retry.add(new Pending(pending.id(), pending.json(), pending.attempts() + 1));
                    } else {
                        failed.increment();
                    }
                }
                backoffMillis = unsent.isEmpty() ? 0 : Math.min(5_000, Math.max(250, backoffMillis * 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Denial publisher failed; continuing", e);
                backoffMillis = 1_000;
            }
        }
    }

    /** Sends a batch and waits for the broker's confirms; returns what was not confirmed as routed. */
    private List<Pending> send(List<Pending> batch) {
        List<@Nullable String> errors = broker.publish(batch.stream()
                .map(pending -> new Outgoing(properties.exchange(), ROUTING_KEY, message(pending)))
                .toList());
        List<Pending> unsent = new ArrayList<>();
        String firstError = null;
        for (int i = 0; i < batch.size(); i++) {
            @Nullable String error = errors.get(i);
            if (error == null) {
                published.increment();
            } else {
                unsent.add(batch.get(i));
                firstError = firstError == null ? error : firstError;
            }
        }
        if (firstError != null) {
            log.warn("{} of {} denial events not confirmed by the broker: {}", unsent.size(), batch.size(), firstError);
        }
        return unsent;
    }

    private static Message message(Pending pending) {
        return MessageBuilder.withBody(pending.json().getBytes(StandardCharsets.UTF_8))
                .setContentType("application/cloudevents+json")
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(pending.id())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    @Override
    public void start() {
        Thread thread = Thread.ofPlatform().name("gateway-denials").daemon().unstarted(this::run);
        stopping = false;
        publisher = thread;
        thread.start();
    }

    /** Gives what is queued a moment to reach the broker on shutdown, then lets go of the rest. */
    @Override
    public void stop() {
        Thread thread = publisher;
        if (thread == null) {
            return;
        }
        stopping = true;
        try {
            thread.join(properties.confirmTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher = null;
        thread.interrupt();
        if (!queue.isEmpty()) {
            log.warn("{} denial events were not published before shutdown", queue.size());
        }
    }

    @Override
    public boolean isRunning() {
        return publisher != null;
    }

    private record Pending(String id, String json, int attempts) {}
}
