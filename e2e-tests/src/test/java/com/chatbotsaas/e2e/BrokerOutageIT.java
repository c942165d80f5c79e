package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.infra.BrokerControl;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox holds events while the broker is down and delivers each exactly once when it is back. */
class BrokerOutageIT {

    @Test
    void organizationCreatedWhileTheBrokerIsDownIsAuditedExactlyOnceAfterItReturns() {
        Suite suite = Suite.get();
        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        ApiClient user = ApiClient.at(suite.gatewayUrl())
                .withToken(keycloak.login(keycloak.createUser()).accessToken());
        String requestId = "outage-" + UUID.randomUUID();

        String orgId;
        BrokerControl.stop();
        try {
            ApiResult created = user.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/organizations", Map.of("name", "Outage Inc"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            orgId = created.data().path("id").asString();
        } finally {
            BrokerControl.start();
        }

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    ApiResult logs = user.get("/api/v1/organizations/" + orgId + "/audit-logs?request_id=" + requestId);
                    assertThat(logs.status()).isEqualTo(200);
                    assertThat(logs.data()).hasSize(1);
                });
        // A redelivery would show up shortly after the first copy; the event id makes storage idempotent.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                user.get("/api/v1/organizations/" + orgId + "/audit-logs?request_id=" + requestId)
                                        .data())
                        .hasSize(1));
    }
}
