package com.chatbotsaas.audit.log;

import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.events.ReceivedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit log: stores each event once and answers queries newest first. */
@Service
public class AuditLogs {

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    AuditLogs(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    /** Stores an event; a redelivered event (same id) is ignored. Returns whether a row was added. */
    @Transactional
    public boolean store(ReceivedEvent event) {
        JsonNode data = event.data();
        String outcome = event.attribute("outcome");
        return jdbc.sql("""
                                insert into audit_log (id, event_id, action, outcome, actor_id, actor_type,
                                  organization_id, resource_type, resource_id, status_code, error_code, ip_address,
                                  user_agent, request_id, trace_id, source, data, occurred_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                                on conflict (event_id) do nothing""")
                        .params(
                                Uuids.v7(),
                                event.id(),
                                event.action(),
                                outcome == null ? "success" : outcome,
                                event.attribute("actorid"),
                                event.attribute("actortype"),
                                uuidOrNull(event.attribute("orgid")),
                                text(data, "resource_type"),
                                text(data, "resource_id"),
                                integerOrNull(event.attribute("statuscode")),
                                event.attribute("errorcode"),
                                event.attribute("clientip"),
                                event.attribute("useragent"),
                                event.attribute("requestid"),
                                traceId(event.attribute("traceparent")),
                                event.attribute("source"),
                                jsonMapper.writeValueAsString(data),
                                Timestamp.from(occurredAt(event)))
                        .update()
                == 1;
    }

    @Transactional(readOnly = true)
    List<AuditRecord> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("select * from audit_log where true");
        List<Object> params = new ArrayList<>();
        if (query.organizationId() != null) {
            sql.append(" and organization_id = ?");
            params.add(query.organizationId());
        }
        if (query.action() != null) {
            if (query.action().endsWith("*")) {
                sql.append(" and action like ? escape '\\'");
                params.add(escapeLike(query.action().substring(0, query.action().length() - 1)) + "%");
            } else {
                sql.append(" and action = ?");
                params.add(query.action());
            }
        }
        filter(sql, params, "actor_id", query.actorId());
        filter(sql, params, "outcome", query.outcome());
        filter(sql, params, "resource_type", query.resourceType());
        filter(sql, params, "resource_id", query.resourceId());
        filter(sql, params, "request_id", query.requestId());
        if (query.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        if (query.after() != null) {
            sql.append(" and (occurred_at, id) < (?, ?)");
            params.add(Timestamp.from(query.after().occurredAt()));
            params.add(query.after().id());
        }
        sql.append(" order by occurred_at desc, id desc limit ?");
        params.add(query.limit());
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    @Transactional(readOnly = true)
    java.util.Optional<AuditRecord> findOne(UUID organizationId, UUID id) {
        return jdbc.sql("select * from audit_log where organization_id = ? and id = ?")
                .params(organizationId, id)
                .query(this::map)
                .optional();
    }

    private AuditRecord map(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(
                rs.getObject("id", UUID.class),
                rs.getString("event_id"),
                rs.getString("action"),
                rs.getString("outcome"),
                rs.getString("actor_id"),
                rs.getString("actor_type"),
                rs.getObject("organization_id", UUID.class),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                (Integer) rs.getObject("status_code"),
                rs.getString("error_code"),
                rs.getString("ip_address"),
                rs.getString("user_agent"),
                rs.getString("request_id"),
                rs.getString("trace_id"),
                jsonMapper.readTree(rs.getString("data")),
                rs.getTimestamp("occurred_at").toInstant());
    }

    private static void filter(StringBuilder sql, List<Object> params, String column, @Nullable String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable UUID uuidOrNull(@Nullable String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Integer integerOrNull(@Nullable String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The trace id of a W3C {@code traceparent} ({@code 00-<trace>-<span>-<flags>}). */
    private static @Nullable String traceId(@Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 2 ? parts[1] : null;
    }

    private static Instant occurredAt(ReceivedEvent event) {
        String time = event.attribute("time");
        try {
            return time == null ? Instant.now() : Instant.parse(time);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
