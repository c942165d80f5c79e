package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExportIT extends AuditIntegrationTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    private String orgId;
    private String token;

    @BeforeEach
    void threeRecords() {
        orgId = UUID.randomUUID().toString();
        token = keycloak.login(keycloak.createUser()).accessToken();
        Instant now = Instant.now();
        publish(orgId, "chatbot.create", "export-1", now.minusSeconds(3));
        publish(orgId, "member.add", "export-2", now.minusSeconds(2));
        publish(orgId, "chatbot.update", "export-3", now.minusSeconds(1));
        awaitStored(orgId, 3);
    }

    @Test
    void exportsFilteredRecordsAsCsvNewestFirst() throws Exception {
        userOrg.grant(token, orgId, "custom", Set.of("audit.export"));

        HttpResponse<String> response = export("?format=csv&action=chatbot.*");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).startsWith("id,event_id,action,outcome,actor_id");
        assertThat(lines.get(1)).contains(",chatbot.update,").contains(",export-3,");
        assertThat(lines.get(2)).contains(",chatbot.create,").contains(",export-1,");
    }

    @Test
    void exportsAsNdjsonAndTheExportIsItselfAudited() throws Exception {
        userOrg.grant(token, orgId, "custom", Set.of("audit.export"));
        try (EventProbe probe = EventProbe.listen("audit.export.*")) {
            HttpResponse<String> response = export("");

            assertThat(response.statusCode()).isEqualTo(200);
            List<JsonNode> records = response.body().lines().map(JSON::readTree).toList();
            assertThat(records)
                    .extracting(r -> r.path("request_id").asString())
                    .containsExactly("export-3", "export-2", "export-1");
            assertThat(records.getFirst().path("organization_id").asString()).isEqualTo(orgId);

            EventProbe.Received event =
                    probe.await(e -> orgId.equals(e.event().path("orgid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("audit.export.success");
            assertThat(EventContracts.violations(event.json())).isEmpty();
            assertThat(event.data().path("records").asLong()).isEqualTo(3);
            assertThat(event.data().path("format").asString()).isEqualTo("ndjson");
        }
        awaitStored(orgId, 4);
    }

    @Test
    void needsTheExportPermission() throws Exception {
        userOrg.grant(token, orgId, "custom", Set.of("audit.read"));

        HttpResponse<String> response = export("?format=csv");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("error_code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void refusesAnUnknownFormat() throws Exception {
        userOrg.grant(token, orgId, "custom", Set.of("audit.export"));

        HttpResponse<String> response = export("?format=xml");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("errors").has("format")).isTrue();
    }

    private HttpResponse<String> export(String query) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/organizations/" + orgId
                                + "/audit-logs/export" + query))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
