package com.chatbotsaas.audit.log;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * audit-service's own settings.
 *
 * @param ingest how events are consumed: batches of up to {@code batchSize} messages, by {@code consumers} concurrent
 *     consumers (chains stay linear whatever the concurrency: each chain has one writer at a time)
 * @param partitionsAhead how many monthly partitions exist beyond the current month
 * @param retention the default retention and when the retention job runs
 */
@ConfigurationProperties("platform.audit")
public record AuditProperties(
        @DefaultValue Ingest ingest,
        @DefaultValue("3") int partitionsAhead,
        @DefaultValue Retention retention) {

    /**
     * @param batchSize messages stored in one transaction
     * @param batchTimeout how long a partial batch waits for more messages
     * @param consumers concurrent consumers of the queue
     * @param prefetch unacknowledged messages per consumer (at least the batch size)
     * @param maxBackoff the longest pause before a batch is retried after a transient failure (database away)
     * @param maxAttempts how often a message that fails while the database answers is tried before it is
     *     dead-lettered
     */
    public record Ingest(
            @DefaultValue("500") int batchSize,
            @DefaultValue("100ms") Duration batchTimeout,
            @DefaultValue("2") int consumers,
            @DefaultValue("1000") int prefetch,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("3") int maxAttempts) {}

    /**
     * @param defaultDays how long records are kept in organizations that did not choose otherwise
     * @param cron when the retention job (and the partition maintenance) runs
     * @param minDays the shortest retention an organization may choose; a shorter one chosen before is applied as
     *     this
     */
    public record Retention(
            @DefaultValue("365") int defaultDays,
            @DefaultValue("0 17 3 * * *") String cron,
            @DefaultValue("30") int minDays) {}
}
