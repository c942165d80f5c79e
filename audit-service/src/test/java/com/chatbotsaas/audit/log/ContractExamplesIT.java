package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The trail keeps every event the contract shows: each file of {@code contracts/events/examples}, sent as its producer
 * would (a new id, the current time, so that it lands in a live partition), is stored once with what it says.
 */
class ContractExamplesIT extends AuditIntegrationTest {

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(ProjectPaths.root().resolve("contracts/events/examples"))) {
            List<String> names = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
            assertThat(names).isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void storesTheExampleWithItsActionOutcomeOrganizationAndData(String example) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example(example));
        String eventId = UUID.randomUUID().toString();
        event.put("id", eventId);
        event.put("time", Instant.now().toString());
        String json = JSON.writeValueAsString(event);
        assertThat(EventContracts.violations(json)).as(example).isEmpty();
        String action = event.get("type").asString().substring("com.chatbotsaas.".length());
        String outcome = event.get("outcome").asString();

        EventProbe.publish(action + "." + outcome, json);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("", eventId) == 1);
        JsonNode data = event.get("data");
        assertThat(count(
                        "and action = ? and outcome = ? and data = cast(? as jsonb)",
                        eventId,
                        action,
                        outcome,
                        JSON.writeValueAsString(data)))
                .as("action, outcome and data of " + example)
                .isEqualTo(1);
        JsonNode orgId = event.get("orgid");
        assertThat(
                        orgId == null
                                ? count("and organization_id is null", eventId)
                                : count("and organization_id = cast(? as uuid)", eventId, orgId.asString()))
                .as("organization of " + example)
                .isEqualTo(1);
        JsonNode resourceId = data.get("resource_id");
        assertThat(
                        resourceId == null || resourceId.isNull()
                                ? count("and resource_id is null", eventId)
                                : count("and resource_id = ?", eventId, resourceId.asString()))
                .as("resource of " + example)
                .isEqualTo(1);
    }

    /** Stored records of the event that also meet the condition. */
    private static long count(String condition, String eventId, Object... parameters) {
        Object[] all = Stream.concat(Stream.of(eventId), Stream.of(parameters)).toArray();
        return TestInfrastructure.get()
                .queryForLong("select count(*) from audit.audit_log where event_id = ? " + condition, all);
    }
}
