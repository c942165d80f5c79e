package com.chatbotsaas.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PlatformIntegrationTest
class ServiceStartsIT {

    @LocalServerPort
    int port;

    @Test
    void startsAloneWithItsSchemaAndReportsReadiness() {
        ApiResult readiness = ApiClient.at("http://localhost:" + port).get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat(readiness.body().path("status").asString()).isEqualTo("UP");

        ApiResult metrics = ApiClient.at("http://localhost:" + port).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("jvm_memory_used_bytes");
    }

    @Test
    void answersUnknownPathsWithTheEnvelope() {
        ApiResult anonymous = ApiClient.at("http://localhost:" + port).get("/api/v1/unknown");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
    }
}
