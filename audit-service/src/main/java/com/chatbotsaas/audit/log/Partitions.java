package com.chatbotsaas.audit.log;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly partitions of {@code audit_log} (by time of receipt, UTC): created ahead at start-up — before any
 * listener runs, so no row lands in the default partition of a month that will get its own — and by the daily job;
 * dropped whole by retention. Created when the context starts, in the first lifecycle phase (listeners and the web
 * server start later), not while beans are created: a refresh alone, such as an AOT cache training run at image build
 * time, needs no database.
 */
@Component
class Partitions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Partitions.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'audit_log_p'yyyyMM");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditProperties properties;
    private volatile boolean running;

    Partitions(JdbcClient jdbc, TransactionTemplate transactions, AuditProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Override
    public void start() {
        createAhead(Instant.now());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    /**
     * The partitions of this month and the next {@code partitionsAhead} months, each in its own transaction: a month
     * that cannot get its partition (rows of it already in the default partition) is logged and its rows stay where
     * they are, without keeping the service from starting or the other months from being created.
     */
    void createAhead(Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        for (int i = 0; i <= properties.partitionsAhead(); i++) {
            YearMonth month = current.plusMonths(i);
            try {
                transactions.executeWithoutResult(tx -> {
                    // Several instances may start together: one creates, the others find the partition there.
                    jdbc.sql("select pg_advisory_xact_lock(hashtext('audit_log_partitions'))")
                            .query()
                            .listOfRows();
                    jdbc.sql("create table if not exists " + month.format(NAME)
                                    + " partition of audit_log for values from ('" + month.atDay(1)
                                    + " 00:00:00+00') to ('"
                                    + month.plusMonths(1).atDay(1) + " 00:00:00+00')")
                            .update();
                });
            } catch (DataAccessException e) {
                log.error("Cannot create the audit partition of {}; its rows stay in audit_log_default", month, e);
            }
        }
    }

    /** Drops every monthly partition whose whole month lies before {@code cutoff}. @return the dropped names */
    List<String> dropBefore(Instant cutoff) {
        List<String> dropped = new ArrayList<>();
        for (String name : monthly()) {
            YearMonth month =
                    YearMonth.parse(name.substring("audit_log_p".length()), DateTimeFormatter.ofPattern("yyyyMM"));
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (!end.isAfter(cutoff)) {
                jdbc.sql("drop table " + name).update();
                log.info("Dropped audit partition {} (retention)", name);
                dropped.add(name);
            }
        }
        return dropped;
    }

    List<String> monthly() {
        return jdbc.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                        join pg_class p on p.oid = i.inhparent
                        where p.relname = 'audit_log' and p.relnamespace = current_schema()::regnamespace
                          and c.relname ~ '^audit_log_p[0-9]{6}$'
                        order by c.relname""").query((rs, n) -> rs.getString(1)).list(); // a name is never null
    }
}
