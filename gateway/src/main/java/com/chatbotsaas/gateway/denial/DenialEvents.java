package com.chatbotsaas.gateway.denial;

import com.chatbotsaas.gateway.client.ClientAddress;
import com.chatbotsaas.gateway.web.RequestIds;
import com.chatbotsaas.platform.core.id.Uuids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns denials into {@code gateway.request.deny.failure} events. A request only offers its denial to a sampler and
 * never waits: what the sampler lets through is appended to a Redis stream ({@link DenialStream}, asynchronously) and
 * relayed to the broker with confirms by {@link DenialRelay}, at least once; while Redis is unavailable it is held in a
 * bounded queue in memory and relayed from there. Denials beyond the sampler's rate are counted, and the count travels
 * in the next event ({@code data.suppressed}); so audit sees that a flood happened and how large it was, without
 * storing every request of it.
 */
@Component
public class DenialEvents {

    static final String ACTION = "gateway.request.deny";
    static final String ROUTING_KEY = ACTION + ".failure";
    private static final Logger log = LoggerFactory.getLogger(DenialEvents.class);

    private final DenialStream stream;
    private final DenialRelay relay;
    private final DenialMetrics metrics;
    private final JsonMapper json;
    private final DenialProperties properties;
    private final Sampler sampler;
    private final AtomicLong suppressed = new AtomicLong();

    DenialEvents(
            DenialStream stream,
            DenialRelay relay,
            DenialMetrics metrics,
            JsonMapper json,
            DenialProperties properties) {
        this.stream = stream;
        this.relay = relay;
        this.metrics = metrics;
        this.json = json;
        this.properties = properties;
        this.sampler = new Sampler(properties.perSecond(), properties.burst());
    }

    /** Records a denial of the exchange's request; returns at once. */
    public void publish(ServerWebExchange exchange, Denial denial) {
        if (!properties.enabled()) {
            return;
        }
        if (!sampler.tryAcquire()) {
            suppressed.incrementAndGet();
            metrics.suppressed();
            return;
        }
        long before = suppressed.getAndSet(0);
        String id = Uuids.v7().toString();
        String event = event(id, exchange, denial, before);
        // Completes on a Redis I/O thread (or at once when not connected); nothing here waits for it.
        stream.add(id, event).whenComplete((trimmed, failure) -> {
            if (failure == null) {
                metrics.stored();
                metrics.trimmed(trimmed == null ? 0 : trimmed);
                relay.stored();
            } else if (relay.holdInMemory(id, event)) {
                metrics.inMemory();
                log.debug("Denial {} held in memory: Redis did not take it ({})", id, failure.getMessage());
            } else {
                suppressed.addAndGet(before);
                metrics.dropped();
            }
        });
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

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
