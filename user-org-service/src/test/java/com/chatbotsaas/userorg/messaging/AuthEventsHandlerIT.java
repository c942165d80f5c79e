package com.chatbotsaas.userorg.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@PlatformIntegrationTest
class AuthEventsHandlerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEAD_LETTERS = PlatformTestEnvironment.QUEUE_PREFIX + "user-org-service.events.dlq";

    @Autowired
    MeterRegistry meters;

    @Test
    void registrationEventCreatesTheProfileOnceEvenWhenRedelivered() {
        UUID userId = UUID.randomUUID();
        String email = "registered-" + userId + "@example.test";
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("auth.register.success"));
        event.put("id", UUID.randomUUID().toString());
        event.put("actorid", userId.toString());
        ((ObjectNode) event.get("data")).put("resource_id", userId.toString()).put("email", email);
        String json = JSON.writeValueAsString(event);
        assertThat(EventContracts.violations(json)).isEmpty();

        EventProbe.publish("auth.register.success", json);
        EventProbe.publish("auth.register.success", json);

        await().atMost(Duration.ofSeconds(20)).until(() -> countUsers(userId) == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> countProcessed(event.get("id").asString()) == 1);
        assertThat(countUsers(userId)).isEqualTo(1);
        assertThat(emailMatches(userId, email)).isEqualTo(1);
    }

    @Test
    void theContractsRegistrationExampleAsItIsBecomesTheProfileItDescribes() throws SQLException {
        String example = EventContracts.example("auth.register.success");
        JsonNode event = JSON.readTree(example);
        JsonNode data = event.get("data");
        UUID userId = UUID.fromString(data.get("resource_id").asString());
        String email = data.get("email").asString();
        // The example's ids are fixed: what an earlier run left must not stand in for this run's work.
        forget(event.get("id").asString(), userId, email);

        EventProbe.publish("auth.register.success", example);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> countProcessed(event.get("id").asString()) == 1);
        assertThat(TestInfrastructure.get()
                        .queryForLong(
                                "select count(*) from user_org.users where id = ? and email = ? and name = ?",
                                userId,
                                email,
                                data.get("name").asString()))
                .isEqualTo(1);
    }

    @Test
    void aRegistrationWithoutAUsableUserIdIsDeadLetteredAtOnceAndCounted() {
        double before = count("userorg.events.malformed", "field", "resource_id");
        UUID eventId = UUID.randomUUID();
        ObjectNode event = registration(eventId, "registered-" + eventId + "@example.test");
        ((ObjectNode) event.get("data")).put("resource_id", "user-" + eventId);

        EventProbe.publish("auth.register.success", JSON.writeValueAsString(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> EventProbe.takeFrom(DEAD_LETTERS, eventId.toString()));
        assertThat(count("userorg.events.malformed", "field", "resource_id")).isEqualTo(before + 1);
        assertThat(countProcessed(eventId.toString())).isZero();
    }

    @Test
    void aRegistrationWithoutAnEmailIsDeadLetteredRatherThanGivenOne() {
        UUID userId = UUID.randomUUID();
        ObjectNode event = registration(UUID.randomUUID(), "unused@example.test");
        ((ObjectNode) event.get("data")).put("resource_id", userId.toString()).remove("email");

        EventProbe.publish("auth.register.success", JSON.writeValueAsString(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> EventProbe.takeFrom(DEAD_LETTERS, userId.toString()));
        assertThat(count("userorg.events.malformed", "field", "email")).isPositive();
        assertThat(countUsers(userId)).isZero();
    }

    @Test
    void anEventThisServiceDoesNotReadIsCountedAsIgnored() {
        double before = count("userorg.events.ignored", "type", "auth.register");
        UUID eventId = UUID.randomUUID();
        ObjectNode event = registration(eventId, "failed-" + eventId + "@example.test");
        event.put("outcome", "failure");

        EventProbe.publish("auth.register.success", JSON.writeValueAsString(event));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("userorg.events.ignored", "type", "auth.register") > before);
        assertThat(countProcessed(eventId.toString())).isZero();
    }

    private static ObjectNode registration(UUID eventId, String email) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("auth.register.success"));
        event.put("id", eventId.toString());
        ((ObjectNode) event.get("data")).put("email", email);
        return event;
    }

    private double count(String name, String tag, String value) {
        Counter counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long countUsers(UUID id) {
        return TestInfrastructure.get().queryForLong("select count(*) from user_org.users where id = ?", id);
    }

    private static long countProcessed(String eventId) {
        return TestInfrastructure.get()
                .queryForLong("select count(*) from user_org.processed_event where event_id = ?", eventId);
    }

    private static void forget(String eventId, UUID userId, String email) throws SQLException {
        try (Connection db = TestInfrastructure.get().adminConnection();
                PreparedStatement processed =
                        db.prepareStatement("delete from user_org.processed_event where event_id = ?");
                PreparedStatement users =
                        db.prepareStatement("delete from user_org.users where id = ? or lower(email) = lower(?)")) {
            processed.setString(1, eventId);
            processed.executeUpdate();
            users.setObject(1, userId);
            users.setString(2, email);
            users.executeUpdate();
        }
    }

    private static long emailMatches(UUID id, String email) {
        return TestInfrastructure.get()
                .queryForLong("select count(*) from user_org.users where id = ? and email = ?", id, email);
    }
}
