package com.chatbotsaas.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.contract.EventContracts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class PlatformEventTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void aNulCharacterFromClientInputIsReplacedSoThatTheEventCanBeStored() {
        // PostgreSQL refuses U+0000 in jsonb: the outbox insert failed and the audited failure was lost.
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("filters", Map.of("request_id", "a\u0000b"));
        data.put("list", List.of("\u0000"));
        PlatformEvent event =
                PlatformEvent.of("audit.export", "failure", "/audit-service", Map.of("useragent", "x\u0000"), data);

        String json = mapper.writeValueAsString(event.toJson(mapper));

        assertThat(json).doesNotContain("\\u0000");
        JsonNode read = mapper.readTree(json);
        assertThat(read.path("data").path("filters").path("request_id").asString())
                .isEqualTo("a\uFFFDb");
        assertThat(read.path("data").path("list").path(0).asString()).isEqualTo("\uFFFD");
        assertThat(read.path("useragent").asString()).isEqualTo("x\uFFFD");
    }

    @Test
    void serializesAsAStructuredCloudEventThatHonoursTheContract() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("orgid", "019a8f2e-7c2d-7000-8000-000000000001");
        extensions.put("actorid", "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
        extensions.put("actortype", "user");
        extensions.put("requestid", "req-1");
        extensions.put("statuscode", 201);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resource_type", "organization");
        data.put("resource_id", "019a8f2e-7c2d-7000-8000-000000000001");
        data.put("changes", Map.of("name", java.util.Arrays.asList(null, "Acme")));

        PlatformEvent event = PlatformEvent.of("org.create", "success", "/user-org-service", extensions, data);
        String json = mapper.writeValueAsString(event.toJson(mapper));

        assertThat(event.routingKey()).isEqualTo("org.create.success");
        assertThat(event.type()).isEqualTo("com.chatbotsaas.org.create");
        assertThat(mapper.readTree(json).path("statuscode").isInt()).isTrue();
        assertThat(mapper.readTree(json).path("outcome").asString()).isEqualTo("success");
        assertThat(EventContracts.violations(json)).isEmpty();
    }

    @Test
    void theContractRejectsSecretsInData() {
        PlatformEvent event = PlatformEvent.of(
                "auth.login",
                "failure",
                "/auth-service",
                Map.of("actortype", "anonymous", "statuscode", 401),
                Map.of("resource_type", "user", "password", "hunter2"));

        assertThat(EventContracts.violations(mapper.writeValueAsString(event.toJson(mapper))))
                .isNotEmpty();
    }

    @Test
    void recordDataIsWrittenInSnakeCaseWhateverTheMappersNaming() {
        record Archived(
                String resourceType, String resourceId, Map<String, List<String>> changes, Instant archivedAt) {}
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        PlatformEvent event = PlatformEvent.of(
                "chatbot.update",
                "success",
                "/chatbot-service",
                EventExtensions.system().organization("019a8f2e-7c2d-7000-8000-000000000001"),
                new Archived("chatbot", "r-1", Map.of("trainingStatus", List.of("a", "b")), at));

        for (JsonMapper appMapper : List.of(
                JsonMapper.builder().build(),
                JsonMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                        .build())) {
            JsonNode data = appMapper
                    .readTree(appMapper.writeValueAsString(event.toJson(appMapper)))
                    .path("data");

            assertThat(data.propertyNames())
                    .containsExactlyInAnyOrder("resource_type", "resource_id", "changes", "archived_at");
            assertThat(data.path("changes").propertyNames()).containsExactly("trainingStatus");
            assertThat(data.path("archived_at").asString()).isEqualTo(at.toString());
        }
    }

    @Test
    void extensionsLeaveOutWhatIsAbsent() {
        Map<String, Object> extensions = EventExtensions.actor("u-1", "user")
                .organization("o-1")
                .requestId(null)
                .status(502)
                .errorCode("UPSTREAM_ERROR")
                .asMap();

        assertThat(extensions)
                .containsExactly(
                        Map.entry("actorid", "u-1"),
                        Map.entry("actortype", "user"),
                        Map.entry("orgid", "o-1"),
                        Map.entry("statuscode", 502),
                        Map.entry("errorcode", "UPSTREAM_ERROR"));
        assertThat(EventExtensions.system().asMap()).containsExactly(Map.entry("actortype", "system"));
        assertThat(EventExtensions.none().requestId("req-1").asMap()).containsExactly(Map.entry("requestid", "req-1"));
    }
}
