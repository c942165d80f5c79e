package com.chatbotsaas.audit.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks an organization's chain in order and reports the first record that breaks it: its content no longer matches
 * its hash (changed), its link skips records (removed), it is not where its link says (reordered), or it has no place
 * in the chain (inserted). Runs in one snapshot, so records arriving meanwhile don't disturb the walk, and streams the
 * rows, so a long chain costs time but not memory.
 */
@Service
class ChainVerifier {

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final JsonMapper jsonMapper;

    ChainVerifier(JdbcClient jdbc, DataSource dataSource, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1000);
        this.jsonMapper = jsonMapper;
    }

    /**
     * @param from when given, the walk starts at the first record received at or after it and trusts that record's
     *     link to its predecessor; otherwise it starts at the chain's checkpoint (the genesis, or the last record
     *     removed by retention)
     * @param to when given, records received from then on are not checked
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Verification verify(UUID chainId, @Nullable Instant from, @Nullable Instant to) {
        Optional<Head> found = jdbc.sql("""
                        select last_seq, last_hash, checkpoint_seq, checkpoint_hash from audit_chain where chain_id = ?""")
                .param(chainId)
                .query((rs, n) -> new Head(
                        rs.getLong("last_seq"),
                        rs.getString("last_hash"),
                        rs.getLong("checkpoint_seq"),
                        rs.getString("checkpoint_hash")))
                .optional();
        if (found.isEmpty()) {
            return Verification.ok(0);
        }
        Head head = found.get();
        Walk walk = new Walk(chainId, head.checkpointSeq() + 1, head.checkpointHash(), head.lastSeq());
        List<Object> params = new ArrayList<>(List.of(chainId, head.checkpointSeq()));
        StringBuilder sql = new StringBuilder("""
                select id, event_id, seq, prev_hash, hash, action, outcome, actor_id, actor_type, organization_id,
                  resource_type, resource_id, status_code, error_code, ip_address, user_agent, request_id, trace_id,
                  source, data::text as data, occurred_at, received_at
                from audit_log where chain_id = ? and seq > ?""");
        if (from != null) {
            Optional<Anchor> anchor = jdbc.sql("""
                            select seq, prev_hash from audit_log where chain_id = ? and seq > ? and received_at >= ?
                            order by seq limit 1""")
                    .params(chainId, head.checkpointSeq(), Timestamp.from(from))
                    .query((rs, n) -> new Anchor(rs.getLong("seq"), rs.getString("prev_hash")))
                    .optional();
            if (anchor.isEmpty()) {
                return Verification.ok(0);
            }
            walk = new Walk(chainId, anchor.get().seq(), anchor.get().prevHash(), head.lastSeq());
            sql.append(" and seq >= ?");
            params.add(anchor.get().seq());
        }
        if (to != null) {
            sql.append(" and received_at < ?");
            params.add(Timestamp.from(to));
        }
        sql.append(" order by seq, id");
        Walk running = walk;
        try {
            streaming.query(sql.toString(), (RowCallbackHandler) running::next, params.toArray());
        } catch (Broken broken) {
            return broken.verification;
        }
        if (to == null && running.expectedSeq <= head.lastSeq()) {
            // The newest records are gone: the head remembers how far the chain went.
            return Verification.broken(running.checked, null, running.expectedSeq, "removed");
        }
        return Verification.ok(running.checked);
    }

    private final class Walk {
        private final UUID chainId;
        private final long lastSeq;
        private long expectedSeq;
        private String prevHash;
        private long checked;

        Walk(UUID chainId, long expectedSeq, String prevHash, long lastSeq) {
            this.chainId = chainId;
            this.expectedSeq = expectedSeq;
            this.prevHash = prevHash;
            this.lastSeq = lastSeq;
        }

        void next(ResultSet rs) throws SQLException {
            UUID id = rs.getObject("id", UUID.class);
            long seq = rs.getLong("seq");
            String storedPrev = rs.getString("prev_hash");
            String storedHash = rs.getString("hash");
            if (!CanonicalForm.hash(storedPrev, fields(rs), jsonMapper).equals(storedHash)) {
                throw new Broken(Verification.broken(checked, id, seq, "changed"));
            }
            if (seq > lastSeq || seq < expectedSeq) {
                throw new Broken(Verification.broken(checked, id, seq, "inserted"));
            }
            if (seq > expectedSeq) {
                throw new Broken(Verification.broken(checked, id, seq, "removed"));
            }
            if (!storedPrev.equals(prevHash)) {
                throw new Broken(Verification.broken(
                        checked, id, seq, predecessorComesLater(storedPrev, seq) ? "reordered" : "inserted"));
            }
            prevHash = storedHash;
            expectedSeq = seq + 1;
            checked++;
        }

        private boolean predecessorComesLater(String predecessorHash, long seq) {
            return jdbc.sql("select count(*) from audit_log where chain_id = ? and hash = ? and seq > ?")
                            .params(chainId, predecessorHash, seq)
                            .query(Long.class)
                            .single()
                    > 0;
        }
    }

    private CanonicalForm.Fields fields(ResultSet rs) throws SQLException {
        return new CanonicalForm.Fields(
                rs.getString("event_id"),
                rs.getObject("organization_id", UUID.class),
                rs.getString("action"),
                rs.getString("outcome"),
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
                jsonMapper.readTree(rs.getString("data")));
    }

    /**
     * The answer of {@code verify}: whether the walked records form an intact chain, how many were checked before the
     * first invalid one, and that one (its id is null when the records missing are the newest).
     */
    record Verification(
            boolean valid,
            long checked,
            @Nullable UUID firstInvalidId,
            @Nullable Long firstInvalidSeq,
            @Nullable String problem) {

        static Verification ok(long checked) {
            return new Verification(true, checked, null, null, null);
        }

        static Verification broken(long checked, @Nullable UUID id, long seq, String problem) {
            return new Verification(false, checked, id, seq, problem);
        }
    }

    private record Head(long lastSeq, String lastHash, long checkpointSeq, String checkpointHash) {}

    private record Anchor(long seq, String prevHash) {}

    /** Ends the walk at the first invalid record. */
    private static final class Broken extends RuntimeException {
        private final transient Verification verification;

        Broken(Verification verification) {
            super(null, null, false, false);
            this.verification = verification;
        }
    }
}
