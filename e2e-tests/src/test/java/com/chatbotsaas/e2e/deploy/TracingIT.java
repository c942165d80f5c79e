package com.chatbotsaas.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.e2e.deploy.TracedPlatform.Span;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Trace context across the suite with the OpenTelemetry Java agent attached as {@code bin/platform up --otel} does:
 * one trace id from the gateway's span through the service, its event on RabbitMQ and the audit record written from
 * it, and through a permission check over OpenFeign.
 */
// The first test's request is the gateway's first with a token: it fetches the signing keys, and its rate-limit
// command still has to join its trace.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static TracedPlatform platform;

    @BeforeAll
    static void startTracedServices() {
        platform = TracedPlatform.start("gateway", "user-org-service", "audit-service");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void theAuditRecordCarriesTheTraceOfTheGatewaySpanThatStartedIt() {
        ApiClient user = newUser();
        String createRequestId = "tracing-" + UUID.randomUUID();
        String orgId = createOrganization(user, createRequestId);

        Span gateway = awaitSpan("gateway", "SERVER", createRequestId);
        String traceId = gateway.traceId();

        // The service handled the request in the gateway's trace and wrote the event (the outbox row) inside it.
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Span> trace = trace(traceId);
            assertThat(trace)
                    .as("spans of trace %s", traceId)
                    .anySatisfy(span -> {
                        assertThat(span.service()).isEqualTo("user-org-service");
                        assertThat(span.kind()).isEqualTo("SERVER");
                        assertThat(span.name()).isEqualTo("POST /api/v1/organizations");
                    })
                    .anySatisfy(span -> {
                        assertThat(span.service()).isEqualTo("user-org-service");
                        assertThat(span.name()).startsWith("INSERT").contains("outbox_event");
                    })
                    .anySatisfy(span -> {
                        // The gateway's rate limit asked Redis within the request's trace.
                        assertThat(span.service()).isEqualTo("gateway");
                        assertThat(span.instrumentation()).contains("lettuce");
                        assertThat(span.name()).startsWith("EVAL");
                    });
        });

        // The event crossed RabbitMQ with the trace context, and audit-service stored its trace id.
        JsonNode[] record = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            ApiResult logs = user.get("/api/v1/organizations/" + orgId + "/audit-logs?request_id=" + createRequestId);
            assertThat(logs.status()).as(logs.toString()).isEqualTo(200);
            assertThat(logs.data()).hasSize(1);
            record[0] = logs.data().get(0);
        });
        assertThat(record[0].path("action").asString()).isEqualTo("org.create");
        assertThat(record[0].path("trace_id").asString()).isEqualTo(traceId);

        // The relay published the event later, on its own thread, yet in the request's trace; the consumer joined it.
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(trace(traceId))
                        .as("spans of trace %s", traceId)
                        .anySatisfy(span -> {
                            assertThat(span.service()).isEqualTo("user-org-service");
                            assertThat(span.kind()).isEqualTo("PRODUCER");
                            assertThat(span.instrumentation()).contains("rabbit");
                        })
                        .anySatisfy(span -> {
                            assertThat(span.service()).isEqualTo("audit-service");
                            assertThat(span.kind()).isEqualTo("CONSUMER");
                            assertThat(span.instrumentation()).contains("rabbit");
                        }));
    }

    @Test
    @Order(2)
    void aPermissionCheckOverOpenFeignStaysInTheCallersTrace() {
        // A new member and organization: the permission is not in the cache yet, so audit-service asks over Feign.
        ApiClient user = newUser();
        String createRequestId = "tracing-" + UUID.randomUUID();
        String orgId = createOrganization(user, createRequestId);
        String requestId = "tracing-read-" + UUID.randomUUID();
        ApiResult logs =
                user.withHeader("X-Request-Id", requestId).get("/api/v1/organizations/" + orgId + "/audit-logs");
        assertThat(logs.status()).as(logs.toString()).isEqualTo(200);

        String traceId = awaitSpan("gateway", "SERVER", requestId).traceId();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(trace(traceId))
                        .as("spans of trace %s", traceId)
                        .anySatisfy(span -> {
                            assertThat(span.service()).isEqualTo("audit-service");
                            assertThat(span.kind()).isEqualTo("SERVER");
                            assertThat(span.name()).isEqualTo("GET /api/v1/organizations/{orgId}/audit-logs");
                        })
                        .anySatisfy(span -> {
                            assertThat(span.service()).isEqualTo("audit-service");
                            assertThat(span.kind()).isEqualTo("CLIENT");
                            assertThat(span.instrumentation()).contains("http-url-connection");
                        })
                        .anySatisfy(span -> {
                            assertThat(span.service()).isEqualTo("user-org-service");
                            assertThat(span.kind()).isEqualTo("SERVER");
                            assertThat(span.name()).isEqualTo("GET /internal/v1/organizations/{orgId}/access");
                        }));
        // Different requests, different traces.
        assertThat(traceId)
                .isNotEqualTo(awaitSpan("gateway", "SERVER", createRequestId).traceId());
    }

    private static ApiClient newUser() {
        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        return ApiClient.at(platform.gatewayUrl())
                .withToken(keycloak.login(keycloak.createUser()).accessToken());
    }

    private static String createOrganization(ApiClient user, String requestId) {
        ApiResult created =
                user.withHeader("X-Request-Id", requestId).post("/api/v1/organizations", Map.of("name", "Traced Corp"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asString();
    }

    private static Span awaitSpan(String service, String kind, String requestId) {
        Span[] found = new Span[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Span> matching = platform.spans().stream()
                    .filter(span ->
                            span.service().equals(service) && span.kind().equals(kind) && span.hasRequestId(requestId))
                    .toList();
            assertThat(matching)
                    .as("%s %s span of request %s", service, kind, requestId)
                    .hasSize(1);
            found[0] = matching.getFirst();
        });
        return found[0];
    }

    private static List<Span> trace(String traceId) {
        return platform.spans().stream()
                .filter(span -> span.traceId().equals(traceId))
                .toList();
    }
}
