package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The platform's health, one Swagger UI over every service's document, and metrics for the operator only. */
class HealthAndDocsIT extends GatewayIntegrationTest {

    private static final List<String> COMPONENTS = List.of(
            "auth-service",
            "user-org-service",
            "chatbot-service",
            "audit-service",
            "notification-service",
            "keycloak",
            "redis",
            "rabbitmq");

    @Test
    void healthReportsEveryServiceAndTheInfrastructureWithoutInternals() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ApiResult health = gateway().withHeader("X-Request-Id", "health-1").get("/api/health");
            assertThat(health.status()).as(health.raw()).isEqualTo(200);
            assertThat(health.body().path("success").asBoolean()).isTrue();
            assertThat(health.body().path("request_id").asString()).isEqualTo("health-1");
            assertThat(health.data().path("status").asString()).isEqualTo("UP");
            JsonNode components = health.data().path("components");
            assertThat(components.propertyNames()).containsExactlyInAnyOrderElementsOf(COMPONENTS);
            COMPONENTS.forEach(
                    name -> assertThat(components.path(name).path("status").asString())
                            .as(name)
                            .isEqualTo("UP"));
            assertThat(health.raw())
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("localhost")
                    .doesNotContain("http");
        });
    }

    @Test
    void servesOneSwaggerUiOverEveryServicesDocument() throws Exception {
        HttpResponse<String> ui = follow("/api/docs");
        assertThat(ui.statusCode()).as(ui.uri().toString()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        URI page = ui.uri();
        for (String asset : new String[] {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-initializer.js"}) {
            assertThat(follow(page.resolve(asset).getPath()).statusCode())
                    .as(asset)
                    .isEqualTo(200);
        }

        ApiResult config = gateway().get("/api/docs/openapi/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()
                        .path("urls")
                        .valueStream()
                        .map(u -> u.path("url").asString()))
                .containsExactlyInAnyOrder(
                        "/api/docs/auth-service/openapi.json",
                        "/api/docs/user-org-service/openapi.json",
                        "/api/docs/chatbot-service/openapi.json",
                        "/api/docs/audit-service/openapi.json",
                        "/api/docs/notification-service/openapi.json");

        for (String service : List.of("auth-service", "user-org-service", "chatbot-service", "audit-service")) {
            ApiResult document = gateway().get("/api/docs/" + service + "/openapi.json");
            assertThat(document.status()).as(service).isEqualTo(200);
            assertThat(document.body().path("openapi").asString()).startsWith("3.1");
            // "Try it out" goes through the gateway, never to the service's own address.
            assertThat(document.body().path("servers").get(0).path("url").asString())
                    .isEqualTo("/");
            assertThat(document.raw()).doesNotContain(services.url());
        }
    }

    @Test
    void metricsAreForTheOperatorsNetworkOnly() {
        ApiResult local = gateway().withHeader("Accept", "text/plain").get("/actuator/prometheus");
        assertThat(local.status()).isEqualTo(200);
        assertThat(local.raw()).contains("gateway_ratelimit_requests_total").contains("gateway_denials_total");

        // A client on the internet, behind the (trusted) load balancer.
        ApiResult outside = gatewayFrom("203.0.113.5").get("/actuator/prometheus");
        assertThat(outside.status()).isEqualTo(404);
        assertThat(gatewayFrom("203.0.113.5").get("/actuator/health/readiness").status())
                .isEqualTo(200);
    }

    @Test
    void metricsAreForLoopbackOnlyByDefaultNotForPrivateNetworksOrProxiedRequests() {
        // Private ranges are where load balancers and ingress controllers live: not the operator by default.
        for (String address : List.of("10.0.0.7", "172.16.3.4", "192.168.1.10", "fd00::1")) {
            assertThat(gatewayFrom(address)
                            .withHeader("Accept", "text/plain")
                            .get("/actuator/prometheus")
                            .status())
                    .as(address)
                    .isEqualTo(404);
        }
        // A proxy forwards its clients' requests: even one naming a loopback client is not the operator's own.
        assertThat(gateway()
                        .withHeader("X-Forwarded-For", "127.0.0.1")
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(404);
        // Other spellings of the same path are the same endpoint.
        for (String path :
                List.of("/%61ctuator/prometheus", "/actuator/%70rometheus", "/actuator/health/../prometheus")) {
            ApiResult spelled = gatewayFrom("203.0.113.5")
                    .withHeader("Accept", "text/plain")
                    .get(path);
            assertThat(spelled.raw()).as(path).doesNotContain("gateway_ratelimit_requests_total");
        }
        assertThat(gateway()
                        .withHeader("Accept", "text/plain")
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(200);
    }

    private HttpResponse<String> follow(String path) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
