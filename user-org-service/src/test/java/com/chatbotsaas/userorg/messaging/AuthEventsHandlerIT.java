package com.chatbotsaas.userorg.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@PlatformIntegrationTest
class AuthEventsHandlerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    private static long countUsers(UUID id) {
        return TestInfrastructure.get().queryForLong("select count(*) from user_org.users where id = ?", id);
    }

    private static long countProcessed(String eventId) {
        return TestInfrastructure.get()
                .queryForLong("select count(*) from user_org.processed_event where event_id = ?", eventId);
    }

    private static long emailMatches(UUID id, String email) {
        return TestInfrastructure.get()
                .queryForLong("select count(*) from user_org.users where id = ? and email = ?", id, email);
    }
}
