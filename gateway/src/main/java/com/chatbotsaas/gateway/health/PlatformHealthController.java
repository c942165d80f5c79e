package com.chatbotsaas.gateway.health;

import com.chatbotsaas.gateway.redis.GatewayRedis;
import com.chatbotsaas.gateway.web.RequestIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The platform's status for clients and status pages: UP or DOWN per service and per piece of infrastructure the
 * gateway depends on, and nothing else — no addresses, versions or error messages. 200 when everything is up, else
 * 503; the body is the envelope with the report as {@code data}.
 */
@RestController
class PlatformHealthController {

    private final HealthProperties properties;
    private final WebClient http;
    private final GatewayRedis redis;
    private final ConnectionFactory rabbit;
    private final Mono<Map<String, Boolean>> report;

    PlatformHealthController(
            HealthProperties properties, WebClient outboundWebClient, GatewayRedis redis, ConnectionFactory rabbit) {
        this.properties = properties;
        this.http = outboundWebClient;
        this.redis = redis;
        this.rabbit = rabbit;
        this.report = Mono.defer(this::check).cache(properties.cacheFor());
    }

    @GetMapping("/api/health")
    Mono<ResponseEntity<Map<String, Object>>> health(ServerWebExchange exchange) {
        return report.map(checks -> {
            boolean up = checks.values().stream().allMatch(Boolean::booleanValue);
            Map<String, Object> components = new LinkedHashMap<>();
            checks.forEach((name, ok) -> components.put(name, Map.of("status", ok ? "UP" : "DOWN")));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", up);
            body.put("message", up ? "All components are up" : "Some components are down");
            if (!up) {
                body.put("error_code", "SERVICE_UNAVAILABLE");
            }
            body.put("data", Map.of("status", up ? "UP" : "DOWN", "components", components));
            body.put("timestamp", Instant.now().toString());
            body.put("request_id", RequestIds.of(exchange));
            return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                    .body(body);
        });
    }

    private Mono<Map<String, Boolean>> check() {
        List<String> names = new ArrayList<>();
        List<Mono<Boolean>> checks = new ArrayList<>();
        properties.services().forEach((name, url) -> {
            names.add(name);
            checks.add(answersOk(url.replaceAll("/+$", "") + properties.readinessPath()));
        });
        names.add("keycloak");
        checks.add(answersOk(properties.keycloakUrl()));
        names.add("redis");
        checks.add(redis.ping());
        names.add("rabbitmq");
        checks.add(brokerOpen());
        return Mono.zip(
                checks.stream()
                        .map(check -> check.timeout(properties.timeout()).onErrorReturn(false))
                        .toList(),
                results -> {
                    Map<String, Boolean> report = new LinkedHashMap<>();
                    for (int i = 0; i < results.length; i++) {
                        report.put(names.get(i), (Boolean) results[i]);
                    }
                    return report;
                });
    }

    private Mono<Boolean> answersOk(String url) {
        return http.get()
                .uri(url)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()));
    }

    /** Spring AMQP connects blocking; the connection is shared, so this is cheap once it is open. */
    private Mono<Boolean> brokerOpen() {
        return Mono.fromCallable(() -> {
                    try (Connection connection = rabbit.createConnection()) {
                        return connection.isOpen();
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
