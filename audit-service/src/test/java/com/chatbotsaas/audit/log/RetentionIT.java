package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RetentionIT extends AuditIntegrationTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Retention retention;

    @Autowired
    Partitions partitions;

    @Test
    void prunesRecordsPastTheOrganizationsRetentionAndTheChainStillVerifies() throws Exception {
        String orgId = UUID.randomUUID().toString();
        String token = keycloak.login(keycloak.createUser()).accessToken();
        userOrg.grant(token, orgId, "custom", Set.of("audit.read", "org.update"));

        HttpResponse<String> changed = put(orgId, token, "{\"retention_days\":30}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body())
                        .path("data")
                        .path("retention_days")
                        .asInt())
                .isEqualTo(30);
        awaitStored(orgId, 1); // the change is itself audited
        for (int i = 0; i < 3; i++) {
            publish(orgId, "chatbot.update", "old-" + i);
        }
        awaitStored(orgId, 4);
        Instant cut = Instant.now();
        publish(orgId, "chatbot.update", "new-1");
        publish(orgId, "chatbot.update", "new-2");
        awaitStored(orgId, 6);

        retention.apply(cut.plus(Duration.ofDays(30)));

        assertThat(storedOf(orgId)).isEqualTo(2);
        JsonNode verification = member(orgId, "audit.read")
                .get("/api/v1/organizations/" + orgId + "/audit-logs/verify")
                .data();
        assertThat(verification.path("valid").asBoolean()).isTrue();
        assertThat(verification.path("checked").asLong()).isEqualTo(2);
        assertThat(member(orgId, "audit.read")
                        .get("/api/v1/organizations/" + orgId + "/audit-logs/retention")
                        .data()
                        .path("retention_days")
                        .asInt())
                .isEqualTo(30);
    }

    @Test
    void dropsWholeMonthlyPartitionsOlderThanEveryRetention() throws SQLException {
        try (Connection db = TestInfrastructure.get().adminConnection();
                Statement statement = db.createStatement()) {
            statement.execute("set role audit_service");
            statement.execute("create table if not exists audit.audit_log_p201901 partition of audit.audit_log"
                    + " for values from ('2019-01-01 00:00:00+00') to ('2019-02-01 00:00:00+00')");
        }
        assertThat(partitions.monthly()).contains("audit_log_p201901");

        retention.apply(Instant.now());

        String current =
                "audit_log_p" + YearMonth.now(ZoneOffset.UTC).toString().replace("-", "");
        assertThat(partitions.monthly()).doesNotContain("audit_log_p201901").contains(current);
    }

    @Test
    void refusesARetentionOutsideItsBounds() throws Exception {
        String orgId = UUID.randomUUID().toString();
        String token = keycloak.login(keycloak.createUser()).accessToken();
        userOrg.grant(token, orgId, "custom", Set.of("org.update"));

        HttpResponse<String> response = put(orgId, token, "{\"retention_days\":0}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("errors").has("retention_days"))
                .isTrue();
    }

    @Test
    void refusesARetentionBelowTheFloorAndKeepsTheOldOne() throws Exception {
        String orgId = UUID.randomUUID().toString();
        String token = keycloak.login(keycloak.createUser()).accessToken();
        userOrg.grant(token, orgId, "custom", Set.of("audit.read", "org.update"));

        for (int days : List.of(1, 29)) {
            HttpResponse<String> response = put(orgId, token, "{\"retention_days\":" + days + "}");
            assertThat(response.statusCode()).as("%d days", days).isEqualTo(422);
            assertThat(JSON.readTree(response.body()).path("error_code").asString())
                    .isEqualTo("VALIDATION_ERROR");
            assertThat(JSON.readTree(response.body()).path("errors").has("retention_days"))
                    .isTrue();
        }
        assertThat(member(orgId, "audit.read")
                        .get("/api/v1/organizations/" + orgId + "/audit-logs/retention")
                        .data()
                        .path("retention_days")
                        .asInt())
                .isEqualTo(365);
    }

    @Test
    void aRetentionChosenBeforeTheFloorExistedKeepsRecordsForTheFloor() throws Exception {
        String orgId = UUID.randomUUID().toString();
        TestInfrastructure.get()
                .queryForLong(
                        "with chosen as (insert into audit.audit_retention (organization_id, retention_days)"
                                + " values (?::uuid, 1) returning 1) select count(*) from chosen",
                        orgId);
        publish(orgId, "chatbot.update", "kept", Instant.now());
        awaitStored(orgId, 1);

        retention.apply(Instant.now().plus(Duration.ofDays(10)));

        assertThat(storedOf(orgId)).isEqualTo(1);
    }

    @Test
    void aRetentionChangeIsAuditedWithItsOldAndNewValue() throws Exception {
        String orgId = UUID.randomUUID().toString();
        String token = keycloak.login(keycloak.createUser()).accessToken();
        userOrg.grant(token, orgId, "custom", Set.of("org.update"));
        try (EventProbe probe = EventProbe.listen("audit.retention.update.*")) {
            assertThat(put(orgId, token, "{\"retention_days\":90}").statusCode())
                    .isEqualTo(200);

            EventProbe.Received event =
                    probe.await(e -> orgId.equals(e.event().path("orgid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("audit.retention.update.success");
            assertThat(EventContracts.violations(event.json())).isEmpty();
            assertThat(event.data().path("changes").path("retention_days").toString())
                    .isEqualTo("[365,90]");
        }
    }

    private HttpResponse<String> put(String orgId, String token, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/organizations/" + orgId
                                + "/audit-logs/retention"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
