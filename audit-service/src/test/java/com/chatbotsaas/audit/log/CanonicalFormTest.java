package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CanonicalFormTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void dataHashesTheSameAsPostgresqlRendersItBack() {
        // What a producer sent, and what jsonb gives back for it: keys reordered, numbers rewritten.
        String sent = "{\"resource_type\":\"chatbot\",\"n\":1e2,\"price\":1.50,\"tiny\":1.0E-5,"
                + "\"changes\":{\"name\":[\"Old\",\"Né\\u00e9\"]}}";
        String fromJsonb =
                "{\"n\": 100, \"tiny\": 0.000010, \"price\": 1.50, \"changes\": {\"name\": [\"Old\", \"Néé\"]},"
                        + " \"resource_type\": \"chatbot\"}";

        assertThat(CanonicalForm.hash(CanonicalForm.GENESIS, fields(sent), JSON))
                .isEqualTo(CanonicalForm.hash(CanonicalForm.GENESIS, fields(fromJsonb), JSON));
    }

    @Test
    void anyChangedFieldOrPredecessorChangesTheHash() {
        String data = "{\"resource_type\":\"chatbot\",\"n\":1}";
        String hash = CanonicalForm.hash(CanonicalForm.GENESIS, fields(data), JSON);

        assertThat(CanonicalForm.hash(
                        CanonicalForm.GENESIS, fields("{\"resource_type\":\"chatbot\",\"n\":\"1\"}"), JSON))
                .isNotEqualTo(hash);
        assertThat(CanonicalForm.hash("1".repeat(64), fields(data), JSON)).isNotEqualTo(hash);
        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
    }

    private static CanonicalForm.Fields fields(String data) {
        return new CanonicalForm.Fields(
                "event-1",
                UUID.fromString("019a8f2e-7c2d-7000-8000-000000000001"),
                "chatbot.update",
                "success",
                "actor",
                "user",
                "chatbot",
                "bot-1",
                200,
                null,
                "203.0.113.7",
                "Mozilla/5.0",
                "req-1",
                null,
                "/chatbot-service",
                Instant.parse("2026-01-27T10:30:00.123456Z"),
                Instant.parse("2026-01-27T10:30:01Z"),
                JSON.readTree(data));
    }
}
