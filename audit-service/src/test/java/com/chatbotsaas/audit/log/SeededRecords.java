package com.chatbotsaas.audit.log;

import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Audit records written straight into the table, in bulk, for tests that need many (exports). */
final class SeededRecords {

    private SeededRecords() {}

    /**
     * {@code count} records of the organization; record {@code g} has request id {@code seed-g} and occurred
     * {@code g} seconds ago, so the newest is {@code seed-1}. The chain fields are placeholders: not for verify tests.
     */
    static void insert(String orgId, int count) throws SQLException {
        try (Connection db = TestInfrastructure.get().adminConnection();
                PreparedStatement insert = db.prepareStatement("""
                        insert into audit.audit_log (id, event_id, chain_id, seq, prev_hash, hash, action, outcome,
                          actor_id, actor_type, organization_id, resource_type, resource_id, status_code, ip_address,
                          user_agent, request_id, source, data, occurred_at, received_at)
                        select gen_random_uuid(), 'seed-' || ?::text || '-' || g, ?::uuid, g, repeat('0', 64),
                          repeat('0', 64), 'chatbot.update', 'success', 'user-' || (g % 100), 'user', ?::uuid,
                          'chatbot', 'bot-' || (g % 1000), 200, '203.0.113.7', 'Mozilla/5.0 (seed)', 'seed-' || g,
                          '/chatbot-service',
                          jsonb_build_object('resource_type', 'chatbot', 'resource_id', 'bot-' || (g % 1000),
                            'changes', jsonb_build_object('name', jsonb_build_array('old ' || g, 'new ' || g))),
                          now() - make_interval(secs => g), now()
                        from generate_series(1, ?) g""")) {
            insert.setString(1, orgId);
            insert.setString(2, orgId);
            insert.setString(3, orgId);
            insert.setInt(4, count);
            insert.executeUpdate();
        }
    }
}
