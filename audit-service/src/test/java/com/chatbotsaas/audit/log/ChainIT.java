package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tampering done directly in PostgreSQL, as someone with database access would, is reported by {@code verify}. */
class ChainIT extends AuditIntegrationTest {

    private String orgId;
    private ApiClient api;

    @BeforeEach
    void fiveRecords() {
        orgId = UUID.randomUUID().toString();
        api = member(orgId, "audit.read");
        for (int i = 1; i <= 5; i++) {
            publish(orgId, i % 2 == 0 ? "chatbot.update" : "member.add", "chain-" + i);
        }
        awaitStored(orgId, 5);
    }

    @Test
    void anUntouchedChainVerifies() {
        JsonNode result = verify();

        assertThat(result.path("valid").asBoolean()).isTrue();
        assertThat(result.path("checked").asLong()).isEqualTo(5);
        assertThat(result.path("first_invalid_id").isNull()).isTrue();
    }

    @Test
    void reportsAChangedField() throws SQLException {
        UUID third = idAt(3);
        sql("update audit.audit_log set actor_id = 'someone-else' where id = ?", third);

        JsonNode result = verify();

        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("first_invalid_id").asString()).isEqualTo(third.toString());
        assertThat(result.path("problem").asString()).isEqualTo("changed");
        assertThat(result.path("checked").asLong()).isEqualTo(2);
    }

    @Test
    void reportsAChangeInsideTheData() throws SQLException {
        UUID second = idAt(2);
        sql("update audit.audit_log set data = jsonb_set(data, '{name}', '\"Evil\"') where id = ?", second);

        assertThat(verify().path("first_invalid_id").asString()).isEqualTo(second.toString());
    }

    @Test
    void reportsARemovedRecord() throws SQLException {
        UUID fourth = idAt(4);
        sql("delete from audit.audit_log where id = ?", idAt(3));

        JsonNode result = verify();

        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("problem").asString()).isEqualTo("removed");
        assertThat(result.path("first_invalid_id").asString()).isEqualTo(fourth.toString());
        assertThat(result.path("first_invalid_seq").asLong()).isEqualTo(4);
    }

    @Test
    void reportsTheNewestRecordRemoved() throws SQLException {
        sql("delete from audit.audit_log where id = ?", idAt(5));

        JsonNode result = verify();

        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("problem").asString()).isEqualTo("removed");
        assertThat(result.path("first_invalid_seq").asLong()).isEqualTo(5);
        assertThat(result.path("checked").asLong()).isEqualTo(4);
    }

    @Test
    void reportsAForgedRecordWithAnInvalidHash() throws SQLException {
        UUID forged = UUID.randomUUID();
        sql("""
                insert into audit.audit_log (id, event_id, chain_id, seq, prev_hash, hash, action, outcome,
                  organization_id, data, occurred_at, received_at)
                select ?, 'forged', chain_id, 3, prev_hash, hash, 'org.delete', 'success', organization_id, data,
                  occurred_at, received_at
                from audit.audit_log where id = ?""", forged, idAt(3));

        JsonNode result = verify();

        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("first_invalid_id").asString()).isEqualTo(forged.toString());
    }

    @Test
    void reportsAForgedRecordAppendedWithACorrectlyComputedHash() throws SQLException {
        // The forger knows the algorithm: the record hashes right and links to the newest one.
        UUID forged = UUID.randomUUID();
        CanonicalForm.Fields fields;
        String prev;
        try (Connection db = TestInfrastructure.get().adminConnection();
                PreparedStatement read =
                        db.prepareStatement("select *, data::text as data_text from audit.audit_log where id = ?")) {
            read.setObject(1, idAt(5));
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                prev = rs.getString("hash");
                fields = new CanonicalForm.Fields(
                        "forged-" + forged,
                        rs.getObject("organization_id", UUID.class),
                        "org.delete",
                        "success",
                        rs.getString("actor_id"),
                        rs.getString("actor_type"),
                        rs.getString("resource_type"),
                        rs.getString("resource_id"),
                        (Integer) rs.getObject("status_code"),
                        rs.getString("error_code"),
                        rs.getString("ip_address"),
                        rs.getString("user_agent"),
                        rs.getString("request_id"),
                        rs.getString("trace_id"),
                        rs.getString("source"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getTimestamp("received_at").toInstant(),
                        JSON.readTree(rs.getString("data_text")));
            }
        }
        String hash = CanonicalForm.hash(prev, fields, JSON);
        sql("""
                insert into audit.audit_log (id, event_id, chain_id, seq, prev_hash, hash, action, outcome, actor_id,
                  actor_type, organization_id, resource_type, resource_id, status_code, error_code, ip_address,
                  user_agent, request_id, trace_id, source, data, occurred_at, received_at)
                select ?, ?, chain_id, 6, ?, ?, 'org.delete', outcome, actor_id, actor_type, organization_id,
                  resource_type, resource_id, status_code, error_code, ip_address, user_agent, request_id, trace_id,
                  source, data, occurred_at, received_at
                from audit.audit_log where id = ?""", forged, fields.eventId(), prev, hash, idAt(5));

        JsonNode result = verify();

        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("problem").asString()).isEqualTo("inserted");
        assertThat(result.path("first_invalid_id").asString()).isEqualTo(forged.toString());
        assertThat(result.path("checked").asLong()).isEqualTo(5);
    }

    @Test
    void reportsTwoSwappedRecords() throws SQLException {
        UUID third = idAt(3);
        UUID fourth = idAt(4);
        sql(
                "update audit.audit_log set seq = case when id = ? then 4 else 3 end where id in (?, ?)",
                third,
                third,
                fourth);

        JsonNode result = verify();

        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("problem").asString()).isEqualTo("reordered");
        assertThat(result.path("first_invalid_id").asString()).isEqualTo(fourth.toString());
        assertThat(result.path("checked").asLong()).isEqualTo(2);
    }

    private JsonNode verify() {
        var result = api.get("/api/v1/organizations/" + orgId + "/audit-logs/verify");
        assertThat(result.status()).isEqualTo(200);
        return result.data();
    }

    private UUID idAt(long seq) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = TestInfrastructure.get().adminConnection();
                PreparedStatement read = db.prepareStatement(
                        "select id from audit.audit_log where chain_id = ?::uuid and seq = ? order by id")) {
            read.setString(1, orgId);
            read.setLong(2, seq);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }

    private static void sql(String statement, Object... params) throws SQLException {
        try (Connection db = TestInfrastructure.get().adminConnection();
                PreparedStatement update = db.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                update.setObject(i + 1, params[i]);
            }
            assertThat(update.executeUpdate()).isPositive();
        }
    }
}
