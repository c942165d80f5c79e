package com.chatbotsaas.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every servlet service shows once started alone against real infrastructure: readiness (its database, broker
 * and cache), metrics, and the envelope for a request it cannot serve. A service's test extends this.
 */
@PlatformIntegrationTest
public abstract class ServiceConventionsChecks {

    @LocalServerPort
    protected int port;

    @Test
    void startsAloneWithItsSchemaAndReportsReadiness() {
        // A health check may time out once on a loaded machine: readiness is what the service reaches, not a snapshot.
        ApiResult readiness = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> ApiClient.at("http://localhost:" + port).get("/actuator/health/readiness"),
                        result -> result.status() == 200);
        assertThat(readiness.body().path("status").asString()).isEqualTo("UP");
        assertThat(readiness.raw()).doesNotContain("jdbc:").doesNotContain("password");

        ApiResult metrics = ApiClient.at("http://localhost:" + port)
                .withHeader("Accept", "text/plain")
                .get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("jvm_memory_used_bytes");
    }

    @Test
    void publishesItsOpenApiDocumentWithoutInternalPaths() {
        ApiResult docs = ApiClient.at("http://localhost:" + port).get("/v3/api-docs");
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        assertThat(docs.body().path("openapi").asString()).startsWith("3.1");
        assertThat(docs.raw()).doesNotContain("/internal/");
    }

    @Test
    void answersAnUnauthenticatedRequestWithTheEnvelope() {
        ApiResult anonymous = ApiClient.at("http://localhost:" + port)
                .withHeader("X-Request-Id", "conventions-1")
                .get("/api/v1/unknown");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("X-Request-Id")).isEqualTo("conventions-1");
        assertThat(anonymous.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.body().path("request_id").asString()).isEqualTo("conventions-1");
    }
}
