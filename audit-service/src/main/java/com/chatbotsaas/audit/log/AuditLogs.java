package com.chatbotsaas.audit.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Queries of the audit log, newest first: pages for the API and for exports. */
@Service
class AuditLogs {

    private static final String COLUMNS = """
            select id, event_id, action, outcome, actor_id, actor_type, organization_id, resource_type, resource_id,
              status_code, error_code, ip_address, user_agent, request_id, trace_id, data::text as data, occurred_at,
              received_at from audit_log""";

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    AuditLogs(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    @Transactional(readOnly = true)
    List<AuditRecord> find(AuditQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = select(query, params) + " limit ?";
        params.add(query.limit());
        return jdbc.sql(sql).params(params).query(this::map).list();
    }

    /**
     * One page of an export in a transaction of its own, even inside the export's (audited) request transaction:
     * the connection goes back to the pool before the page is written to a client that may read slowly. With
     * {@link LazyConnections} the request's transaction takes no connection until it writes its audit event.
     */
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    List<AuditRecord> exportPage(AuditQuery query) {
        return find(query);
    }

    @Transactional(readOnly = true)
    Optional<AuditRecord> findOne(UUID organizationId, UUID id) {
        return jdbc.sql(COLUMNS + " where organization_id = ? and id = ?")
                .params(organizationId, id)
                .query(this::map)
                .optional();
    }

    private static String select(AuditQuery query, List<Object> params) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" where true");
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
        return sql.append(" order by occurred_at desc, id desc").toString();
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
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("received_at").toInstant());
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
}
