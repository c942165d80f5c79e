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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    private record Sent(ObjectNode event, String eventId, String action, String outcome) {}

    private static final Map<String, Sent> SENT = new ConcurrentHashMap<>();

    /**
     * Every example is sent by the first case, once the service listens, so the writer stores them together rather than
     * one wait after another.
     */
    private static synchronized void sendEveryExampleOnce() throws IOException {
        if (!SENT.isEmpty()) {
            return;
        }
        for (String example : examples().toList()) {
            ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example(example));
            String eventId = UUID.randomUUID().toString();
            event.put("id", eventId);
            event.put("time", Instant.now().toString());
            String json = JSON.writeValueAsString(event);
            assertThat(EventContracts.violations(json)).as(example).isEmpty();
            String action = event.get("type").asString().substring("com.chatbotsaas.".length());
            String outcome = event.get("outcome").asString();
            EventProbe.publish(action + "." + outcome, json);
            SENT.put(example, new Sent(event, eventId, action, outcome));
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void storesTheExampleWithItsActionOutcomeOrganizationAndData(String example) throws IOException {
        sendEveryExampleOnce();
        Sent sent = SENT.get(example);
        assertThat(sent).as(example).isNotNull();
        ObjectNode event = sent.event();
        String eventId = sent.eventId();
        String action = sent.action();
        String outcome = sent.outcome();

        // The writer's idempotency table says when it is stored; then one query over the organization's index (the
        // trail has no index on event_id, and other tests leave a million records in it).
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestInfrastructure.get()
                                .queryForLong("select count(*) from audit.audit_event where event_id = ?", eventId)
                        == 1);
        JsonNode orgId = event.get("orgid");
        JsonNode resourceId = event.get("data").get("resource_id");
        boolean noResource = resourceId == null || resourceId.isNull();
        String condition = (orgId == null ? "organization_id is null" : "organization_id = cast(? as uuid)")
                + " and event_id = ? and action = ? and outcome = ? and data = cast(? as jsonb) and "
                + (noResource ? "resource_id is null" : "resource_id = ?");
        List<Object> parameters = new ArrayList<>();
        if (orgId != null) {
            parameters.add(orgId.asString());
        }
        parameters.addAll(List.of(eventId, action, outcome, JSON.writeValueAsString(event.get("data"))));
        if (!noResource) {
            parameters.add(resourceId.asString());
        }
        assertThat(TestInfrastructure.get()
                        .queryForLong("select count(*) from audit.audit_log where " + condition, parameters.toArray()))
                .as("one record with the action, outcome, organization, resource and data of " + example)
                .isEqualTo(1);
    }
}
