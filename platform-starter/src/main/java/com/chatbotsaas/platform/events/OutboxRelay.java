package com.chatbotsaas.platform.events;

import com.chatbotsaas.platform.core.amqp.ConfirmedPublisher;
import com.chatbotsaas.platform.core.amqp.ConfirmedPublisher.Outgoing;
import com.chatbotsaas.platform.core.work.Backoff;
import com.chatbotsaas.platform.core.work.PollingWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed events from the outbox to the broker. A row is deleted only after the broker confirmed the
 * message and did not return it as unroutable ({@code mandatory}); otherwise it is retried with back-off. Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances of a service relay without sending twice.
 *
 * <p>A batch is claimed in the order of its index, {@code (available_at, created_at)}: reading it stops after the
 * batch however many rows wait. Ordered by {@code created_at} alone, every pass sorted all due rows, and a backlog
 * (the broker away for a while, events nobody binds) made each pass cost in proportion to it — 0.7 s of database CPU
 * for 90,000 rows. Rows being retried move behind the fresh ones, as their {@code available_at} moves on.
 *
 * <p>Every {@value #BACKLOG_EVERY_SECONDS} s it also reads how many rows wait and how old the oldest is, for the
 * gauges {@code platform.outbox.pending} and {@code platform.outbox.oldest.age}: an event that can never leave
 * (nobody binds its routing key, the broker refuses it) is retried forever, and shows there as an age that only
 * grows, where {@code platform.outbox.failed} only counts attempts.
 */
public class OutboxRelay extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Claims a batch of due rows, read in the order of {@code outbox_event_available_idx}. */
    static final String CLAIM = """
            select id, exchange, routing_key, payload::text as payload,
            payload ->> 'traceparent' as traceparent, attempts from outbox_event
            where available_at <= now() order by available_at, created_at limit ?
            for update skip locked""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ConfirmedPublisher publisher;
    private final MessagingProperties properties;
    private final Backoff backoff;
    private final Counter published;
    private final Counter failed;

    static final int BACKLOG_EVERY_SECONDS = 15;
    private volatile long pending;
    private volatile double oldestAgeSeconds;
    private long nextBacklogAt = System.nanoTime();

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            RabbitTemplate rabbit,
            MessagingProperties properties,
            MeterRegistry meters) {
        // Stops after the web server (which stops first) so that events of the last requests still leave.
        super("outbox-relay", properties.outbox().pollInterval(), SmartLifecycle.DEFAULT_PHASE - 1024);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.publisher = new ConfirmedPublisher(rabbit, properties.outbox().confirmTimeout());
        this.properties = properties;
        this.backoff = Backoff.exponential(
                properties.outbox().pollInterval(), properties.outbox().maxBackoff());
        this.published = meters.counter("platform.outbox.published");
        this.failed = meters.counter("platform.outbox.failed");
        Gauge.builder("platform.outbox.pending", this, relay -> relay.pending)
                .description("Events in the outbox, due or waiting for their retry")
                .register(meters);
        Gauge.builder("platform.outbox.oldest.age", this, relay -> relay.oldestAgeSeconds)
                .baseUnit("seconds")
                .description("How long the oldest event in the outbox has waited (0 when it is empty)")
                .register(meters);
    }

    @Override
    protected int runOnce() {
        int sent = relayBatch();
        if (System.nanoTime() - nextBacklogAt >= 0) {
            nextBacklogAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(BACKLOG_EVERY_SECONDS);
            readBacklog();
        }
        return sent;
    }

    /** The gauges' values: one count over the table (a few milliseconds for a backlog of 100,000 rows). */
    void readBacklog() {
        try {
            Backlog backlog = jdbc.sql("""
                            select count(*) as pending,
                            coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest
                            from outbox_event""")
                    .query((rs, n) -> new Backlog(rs.getLong("pending"), rs.getDouble("oldest")))
                    .single();
            pending = backlog.pending();
            oldestAgeSeconds = backlog.oldestAgeSeconds();
        } catch (DataAccessException e) {
            // The relay's own pass reports the database; the gauges keep their last values.
            log.debug("Outbox backlog not read", e);
        }
    }

    /** A full batch means more rows may be waiting. */
    @Override
    protected boolean moreMayBeDue(int handled) {
        return handled >= properties.outbox().batchSize();
    }

    /** One pass: claims a batch, publishes it, waits for every confirm, then settles each row. */
    int relayBatch() {
        Integer count = transactions.execute(status -> {
            List<Row> rows = jdbc.sql(CLAIM)
                    .param(properties.outbox().batchSize())
                    .query((rs, n) -> new Row(
                            rs.getObject("id", UUID.class),
                            rs.getString("exchange"),
                            rs.getString("routing_key"),
                            rs.getString("payload"),
                            rs.getString("traceparent"),
                            rs.getInt("attempts")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Outgoing> batch = rows.stream().map(this::outgoing).toList();
            List<@Nullable String> errors = publisher.publish(batch);
            int sent = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                @Nullable String error = errors.get(i);
                if (error == null) {
                    jdbc.sql("delete from outbox_event where id = ?")
                            .param(row.id())
                            .update();
                    published.increment();
                    sent++;
                } else {
                    failed.increment();
                    long backoff = this.backoff.delayAfter(row.attempts() + 1).toMillis();
                    jdbc.sql("""
                                    update outbox_event set attempts = attempts + 1, last_error = ?,
                                    available_at = now() + (? * interval '1 millisecond') where id = ?""").params(error, backoff, row.id()).update();
                    log.warn("Event {} not relayed ({}); retrying in {} ms", row.id(), error, backoff);
                }
            }
            return sent;
        });
        return count == null ? 0 : count;
    }

    /** In the trace of the request that caused the event: the broker hop and its consumers join it. */
    private Outgoing outgoing(Row row) {
        return new Outgoing(
                row.exchange() == null ? properties.exchange() : row.exchange(),
                row.routingKey(),
                ConfirmedPublisher.cloudEvent(row.id().toString(), row.payload()),
                () -> TraceContext.resume(row.traceparent())::close);
    }

    private record Backlog(long pending, double oldestAgeSeconds) {}

    private record Row(
            UUID id,
            @Nullable String exchange,
            String routingKey,
            String payload,
            @Nullable String traceparent,
            int attempts) {}
}
