package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.platform.core.work.PollingWorker;
import com.chatbotsaas.platform.crypto.SecretBox;
import com.chatbotsaas.platform.data.Uuids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries. A pass claims a batch, fairly across organizations, with {@code FOR UPDATE SKIP LOCKED} and
 * leases it (moves its next attempt past the send timeout) in a short transaction, sends outside any transaction,
 * then records each attempt:
 * success ends the delivery; a failure schedules the next retry (exponential schedule with jitter) until the
 * schedule is spent, which counts as a failed delivery. Several instances never claim the same delivery, and a
 * delivery whose instance died mid-send is retried when its lease expires.
 */
@Component
class WebhookDispatcher extends PollingWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SecretBox secrets;
    private final WebhookClient client;
    private final WebhookDisabler disabler;
    private final NotificationProperties.Webhooks properties;
    private final ExecutorService senders;
    private final Counter delivered;
    private final Counter failedAttempts;

    WebhookDispatcher(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            SecretBox secrets,
            WebhookClient client,
            WebhookDisabler disabler,
            NotificationProperties properties,
            MeterRegistry meters) {
        super("webhook-dispatcher", properties.webhooks().pollInterval());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.secrets = secrets;
        this.client = client;
        this.disabler = disabler;
        this.properties = properties.webhooks();
        this.senders = Executors.newFixedThreadPool(
                Math.max(1, this.properties.concurrency()),
                Thread.ofVirtual().name("webhook-sender-", 0).factory());
        this.delivered = meters.counter("notification.webhook.delivered");
        this.failedAttempts = meters.counter("notification.webhook.attempt.failed");
    }

    @Override
    protected int runOnce() {
        List<Claimed> batch = claim();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<?>> running = new ArrayList<>(batch.size());
        for (Claimed claimed : batch) {
            running.add(senders.submit(() -> deliver(claimed)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                log.warn("Webhook delivery task failed", e);
            }
        }
        return batch.size();
    }

    @Override
    public void destroy() {
        senders.shutdown();
    }

    /**
     * Claims due deliveries fairly: each organization's oldest due deliveries are numbered, at most
     * {@code perOrganizationBatch} of each are taken, and the batch is filled turn by turn (every organization's first,
     * then every organization's second, …). An organization with a large backlog therefore gets its share of each
     * pass, never the whole pass, and the others' deliveries wait at most one pass. The numbering reads without locks;
     * the rows are then locked with {@code SKIP LOCKED}, so another instance's claims are skipped, not waited for.
     */
    private List<Claimed> claim() {
        long leaseMillis = properties.timeout().multipliedBy(2).plusSeconds(30).toMillis();
        List<Claimed> claimed = transactions.execute(status -> jdbc.sql("""
                        with due as (
                            select d2.id, d2.next_attempt_at,
                                row_number() over (partition by d2.organization_id order by d2.next_attempt_at) as turn
                            from webhook_delivery d2 join webhook w2 on w2.id = d2.webhook_id
                            where d2.status = 'pending' and d2.next_attempt_at <= now() and w2.active),
                        fair as (
                            select id from due where turn <= ? order by turn, next_attempt_at limit ?)
                        update webhook_delivery d set next_attempt_at = now() + (? * interval '1 millisecond')
                        from webhook w
                        where w.id = d.webhook_id and d.id in (
                            select d3.id from webhook_delivery d3
                            where d3.id in (select id from fair) and d3.status = 'pending' and d3.next_attempt_at <= now()
                            for update skip locked)
                        returning d.id, d.webhook_id, d.organization_id, d.event_id, d.payload, d.attempts,
                        d.round_attempts, w.url, w.secret_ciphertext""")
                .params(Math.max(1, properties.perOrganizationBatch()), properties.batchSize(), leaseMillis)
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getObject("webhook_id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("event_id"),
                        rs.getString("payload"),
                        rs.getInt("attempts"),
                        rs.getInt("round_attempts"),
                        rs.getString("url"),
                        rs.getString("secret_ciphertext")))
                .list());
        return claimed == null ? List.of() : roundRobin(claimed);
    }

    /**
     * The claimed deliveries in turns across organizations, so that the senders start each organization's first
     * delivery before anyone's second: one organization's slow endpoint cannot hold every sender ahead of the others.
     */
    static List<Claimed> roundRobin(List<Claimed> claimed) {
        Map<UUID, Deque<Claimed>> byOrganization = new LinkedHashMap<>();
        for (Claimed delivery : claimed) {
            byOrganization
                    .computeIfAbsent(delivery.organizationId(), o -> new ArrayDeque<>())
                    .add(delivery);
        }
        List<Claimed> ordered = new ArrayList<>(claimed.size());
        while (ordered.size() < claimed.size()) {
            for (Deque<Claimed> queue : byOrganization.values()) {
                Claimed next = queue.poll();
                if (next != null) {
                    ordered.add(next);
                }
            }
        }
        return ordered;
    }

    private void deliver(Claimed delivery) {
        long timestamp = Instant.now().getEpochSecond();
        String signature = Signatures.sign(
                secrets.decrypt(delivery.secretCiphertext()), delivery.eventId(), timestamp, delivery.payload());
        WebhookClient.Result result =
                client.post(delivery.url(), delivery.eventId(), timestamp, signature, delivery.payload());
        transactions.executeWithoutResult(status -> record(delivery, result));
    }

    private void record(Claimed delivery, WebhookClient.Result result) {
        int attempt = delivery.attempts() + 1;
        jdbc.sql("""
                        insert into webhook_attempt (id, delivery_id, attempt, status_code, latency_ms, error)
                        values (?, ?, ?, ?, ?, ?)""")
                .param(Uuids.v7())
                .param(delivery.id())
                .param(attempt)
                .param(result.statusCode())
                .param(result.latency().toMillis())
                .param(result.error())
                .update();
        if (result.succeeded()) {
            jdbc.sql("""
                            update webhook_delivery set status = 'succeeded', attempts = ?, round_attempts = round_attempts + 1,
                            response_status = ?, delivered_at = now(), next_attempt_at = null where id = ?""")
                    .param(attempt)
                    .param(result.statusCode())
                    .param(delivery.id())
                    .update();
            jdbc.sql("update webhook set consecutive_failures = 0 where id = ?")
                    .param(delivery.webhookId())
                    .update();
            delivered.increment();
            log.info(
                    "Delivered event {} to webhook {} (attempt {})", delivery.eventId(), delivery.webhookId(), attempt);
            return;
        }
        failedAttempts.increment();
        int round = delivery.roundAttempts() + 1;
        List<Duration> schedule = properties.retrySchedule();
        if (round <= schedule.size()) {
            long delay = withJitter(schedule.get(round - 1));
            jdbc.sql("""
                            update webhook_delivery set attempts = ?, round_attempts = ?, response_status = ?,
                            next_attempt_at = now() + (? * interval '1 millisecond') where id = ?""")
                    .param(attempt)
                    .param(round)
                    .param(result.statusCode())
                    .param(delay)
                    .param(delivery.id())
                    .update();
            log.warn(
                    "Webhook {} failed for event {} (attempt {}: {}); retrying in {} ms",
                    delivery.webhookId(),
                    delivery.eventId(),
                    attempt,
                    result.describe(),
                    delay);
            return;
        }
        jdbc.sql("""
                        update webhook_delivery set status = 'failed', attempts = ?, round_attempts = ?,
                        response_status = ?, next_attempt_at = null where id = ?""")
                .param(attempt)
                .param(round)
                .param(result.statusCode())
                .param(delivery.id())
                .update();
        Integer failures = jdbc.sql("""
                        update webhook set consecutive_failures = consecutive_failures + 1 where id = ?
                        returning consecutive_failures""")
                .param(delivery.webhookId())
                .query(Integer.class)
                .optional()
                .orElse(0);
        log.warn(
                "Webhook {} gave up on event {} after {} attempts ({} failed deliveries in a row)",
                delivery.webhookId(),
                delivery.eventId(),
                attempt,
                failures);
        if (failures >= properties.disableAfter()) {
            disabler.disable(delivery.webhookId(), delivery.id(), failures);
        }
    }

    private long withJitter(Duration delay) {
        double jitter =
                properties.jitter() <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(properties.jitter());
        return Math.round(delay.toMillis() * (1 + jitter));
    }

    record Claimed(
            UUID id,
            UUID webhookId,
            UUID organizationId,
            String eventId,
            String payload,
            int attempts,
            int roundAttempts,
            String url,
            String secretCiphertext) {}
}
