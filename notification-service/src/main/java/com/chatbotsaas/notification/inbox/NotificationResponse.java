package com.chatbotsaas.notification.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A notification as the API shows it. */
record NotificationResponse(
        UUID id,
        @Nullable UUID organizationId,
        String type,
        String title,
        String body,
        JsonNode data,
        boolean read,
        @Nullable Instant readAt,
        Instant createdAt) {

    static NotificationResponse from(ResultSet rs, JsonMapper json) throws SQLException {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new NotificationResponse(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("type"),
                rs.getString("title"),
                rs.getString("body"),
                json.readTree(rs.getString("data")),
                readAt != null,
                readAt == null ? null : readAt.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
