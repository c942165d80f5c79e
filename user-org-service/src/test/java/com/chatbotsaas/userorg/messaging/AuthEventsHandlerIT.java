package com.chatbotsaas.userorg.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@PlatformIntegrationTest
class AuthEventsHandlerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void registrationEventCreatesTheProfileOnceEvenWhenRedelivered() throws Exception {
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
        assertThat(emailOf(userId)).isEqualTo(email);
    }

    private static long countUsers(UUID id) throws SQLException {
        return count("select count(*) from user_org.users where id = ?", id);
    }

    private static long countProcessed(String eventId) throws SQLException {
        return count("select count(*) from user_org.processed_event where event_id = ?", eventId);
    }

    private static long count(String sql, Object parameter) throws SQLException {
        try (Connection connection = TestInfrastructure.get().adminConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String emailOf(UUID id) throws SQLException {
        try (Connection connection = TestInfrastructure.get().adminConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select email from user_org.users where id = ?")) {
            statement.setObject(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
