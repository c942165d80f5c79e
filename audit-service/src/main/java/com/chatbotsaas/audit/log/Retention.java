package com.chatbotsaas.audit.log;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention per organization (the default unless the organization chose otherwise). For each chain, the newest record
 * past retention becomes the chain's checkpoint — verification starts there — before anything is removed; then whole
 * monthly partitions older than every organization's retention are dropped, and what remains past retention in newer
 * partitions is deleted.
 */
@Service
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Partitions partitions;
    private final AuditProperties properties;
    private final Clock clock = Clock.systemUTC();

    Retention(JdbcClient jdbc, TransactionTemplate transactions, Partitions partitions, AuditProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.partitions = partitions;
        this.properties = properties;
    }

    @Scheduled(cron = "${platform.audit.retention.cron:0 17 3 * * *}", zone = "UTC")
    void daily() {
        Instant now = clock.instant();
        partitions.createAhead(now);
        apply(now);
    }

    /** @return how many records were past retention (checkpointed and removed) */
    long apply(Instant now) {
        Map<UUID, Integer> chosen = new HashMap<>();
        jdbc.sql("select organization_id, retention_days from audit_retention").query(rs -> {
            chosen.put(
                    rs.getObject(1, UUID.class),
                    Math.max(rs.getInt(2), properties.retention().minDays()));
        });
        int longest = chosen.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        longest = Math.max(longest, properties.retention().defaultDays());
        List<UUID> chains = jdbc.sql("select chain_id from audit_chain") // the primary key: never null
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
        Map<UUID, Instant> cutoffs = new LinkedHashMap<>();
        for (UUID chain : chains) {
            Instant cutoff = now.minus(Duration.ofDays(
                    chosen.getOrDefault(chain, properties.retention().defaultDays())));
            cutoffs.put(chain, cutoff);
            transactions.executeWithoutResult(tx -> checkpoint(chain, cutoff, now));
        }
        Instant everyone = now.minus(Duration.ofDays(longest));
        transactions.executeWithoutResult(tx -> {
            partitions.dropBefore(everyone);
            jdbc.sql("delete from audit_event where received_at < ?")
                    .param(Timestamp.from(everyone))
                    .update();
        });
        long removed = 0;
        for (Map.Entry<UUID, Instant> cutoff : cutoffs.entrySet()) {
            UUID chain = cutoff.getKey();
            removed += transactions.execute(tx -> jdbc.sql("""
                            delete from audit_log where chain_id = ? and received_at < ?
                              and seq <= (select checkpoint_seq from audit_chain where chain_id = ?)""")
                    .params(chain, Timestamp.from(cutoff.getValue().plus(Duration.ofMinutes(1))), chain)
                    .update());
        }
        if (removed > 0) {
            log.info("Retention removed {} audit records", removed);
        }
        return removed;
    }

    /** Moves the chain's checkpoint to its newest record received before the cutoff. */
    private void checkpoint(UUID chain, Instant cutoff, Instant now) {
        jdbc.sql("select 1 from audit_chain where chain_id = ? for update")
                .param(chain)
                .query()
                .listOfRows();
        Optional<Checkpoint> last = jdbc.sql("""
                        select seq, hash from audit_log where chain_id = ? and received_at < ?
                          and seq > (select checkpoint_seq from audit_chain where chain_id = ?)
                        order by seq desc limit 1""")
                .params(chain, Timestamp.from(cutoff), chain)
                .query((rs, n) -> new Checkpoint(rs.getLong("seq"), rs.getString("hash")))
                .optional();
        last.ifPresent(row -> jdbc.sql("""
                        update audit_chain set checkpoint_seq = ?, checkpoint_hash = ?, checkpoint_at = ?
                        where chain_id = ?""")
                .params(row.seq(), row.hash(), Timestamp.from(now), chain)
                .update());
    }

    /** The newest record of a chain past its cutoff ({@code seq} and {@code hash} are not null columns). */
    private record Checkpoint(long seq, String hash) {}

    /** The retention applied to the organization: its choice (never below the floor), else the default. */
    @Transactional(readOnly = true)
    int days(UUID organizationId) {
        return jdbc.sql("select retention_days from audit_retention where organization_id = ?")
                .param(organizationId)
                .query(Integer.class)
                .optional()
                .map(days -> Math.max(days, properties.retention().minDays()))
                .orElse(properties.retention().defaultDays());
    }

    /** The shortest retention an organization may choose. */
    int minDays() {
        return properties.retention().minDays();
    }

    @Transactional
    void choose(UUID organizationId, int days) {
        jdbc.sql("""
                        insert into audit_retention (organization_id, retention_days) values (?, ?)
                        on conflict (organization_id) do update set retention_days = excluded.retention_days,
                          updated_at = now()""").params(organizationId, days).update();
    }
}
