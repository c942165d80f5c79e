package com.chatbotsaas.audit.messaging;

import com.chatbotsaas.audit.log.AuditProperties;
import com.chatbotsaas.audit.log.AuditWriter;
import com.chatbotsaas.platform.events.ReceivedEvent;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every platform event becomes an audit record, in batches: a batch is stored in one transaction and acknowledged
 * after commit, so a crash in between means a redelivery, which stores nothing twice. A message that can never be
 * stored (not a CloudEvent, a field the schema refuses) is dead-lettered at once and counted, without holding up the
 * others. When a batch fails otherwise, the database is asked whether it answers: if not, the whole batch goes back
 * to the queue after a pause (nothing is charged to the messages); if it does, each message is stored alone, and one
 * that keeps failing is tried {@code max-attempts} times, then dead-lettered, so it never blocks those behind it.
 */
@Component
class PlatformEventsHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformEventsHandler.class);

    private final AuditWriter writer;
    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;
    private final AuditProperties properties;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter malformed;
    private final Counter refused;
    private final Counter failed;
    private final Counter retried;
    /** Consecutive batches this consumer could not store because the database did not answer: the pause grows. */
    private final ThreadLocal<Integer> outages = ThreadLocal.withInitial(() -> 0);

    PlatformEventsHandler(
            AuditWriter writer,
            JdbcClient jdbc,
            JsonMapper jsonMapper,
            AuditProperties properties,
            MeterRegistry meters) {
        this.writer = writer;
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
        this.stored = meters.counter("audit.events.stored");
        this.duplicates = meters.counter("audit.events.duplicates");
        this.malformed = meters.counter("audit.events.dead_lettered", "reason", "malformed");
        this.refused = meters.counter("audit.events.dead_lettered", "reason", "refused");
        this.failed = meters.counter("audit.events.dead_lettered", "reason", "failed");
        this.retried = meters.counter("audit.events.retried");
    }

    @RabbitListener(
            queues = "${platform.messaging.consumer.queue}",
            containerFactory = IngestListenerConfiguration.CONTAINER_FACTORY)
    void on(List<Message> messages, Channel channel) throws IOException {
        List<Message> accepted = new ArrayList<>(messages.size());
        List<AuditWriter.Pending> pending = new ArrayList<>(messages.size());
        Instant receivedAt = Instant.now();
        for (Message message : messages) {
            try {
                pending.add(writer.prepare(ReceivedEvent.parse(message, jsonMapper), receivedAt));
                accepted.add(message);
            } catch (RuntimeException e) {
                // Reading a message touches no database: whatever fails here fails again on every delivery.
                deadLetter(channel, message, malformed, e);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            count(writer.store(pending));
            ack(channel, accepted);
            outages.set(0);
        } catch (DataIntegrityViolationException e) {
            // One of them is refused by the database: find it by storing them one by one.
            storeEachAlone(channel, accepted, pending);
        } catch (RuntimeException e) {
            if (!databaseAnswers()) {
                retryLater(channel, accepted, e);
            } else {
                storeEachAlone(channel, accepted, pending);
            }
        }
    }

    private void storeEachAlone(Channel channel, List<Message> messages, List<AuditWriter.Pending> events)
            throws IOException {
        for (int i = 0; i < events.size(); i++) {
            storeAlone(channel, messages.get(i), events.get(i));
        }
    }

    private void storeAlone(Channel channel, Message message, AuditWriter.Pending event) throws IOException {
        int maxAttempts = Math.max(1, properties.ingest().maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                count(writer.store(List.of(event)));
                channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
                outages.set(0);
                return;
            } catch (DataIntegrityViolationException e) {
                deadLetter(channel, message, refused, e);
                return;
            } catch (RuntimeException e) {
                if (!databaseAnswers()) {
                    retryLater(channel, List.of(message), e);
                    return;
                }
                if (attempt >= maxAttempts) {
                    deadLetter(channel, message, failed, e);
                    return;
                }
                retried.increment();
                log.warn(
                        "Could not store audit event {} (attempt {} of {}); trying again",
                        message.getMessageProperties().getMessageId(),
                        attempt,
                        maxAttempts,
                        e);
                pause(Math.min(properties.ingest().maxBackoff().toMillis(), 100L << attempt));
            }
        }
    }

    /** Whether the failure is the database's (away, out of connections) rather than the message's. */
    private boolean databaseAnswers() {
        try {
            jdbc.sql("select 1").query(Integer.class).single();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void count(AuditWriter.Result result) {
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
    }

    private void retryLater(Channel channel, List<Message> messages, RuntimeException cause) throws IOException {
        int outage = outages.get() + 1;
        outages.set(outage);
        long pause = Math.min(properties.ingest().maxBackoff().toMillis(), 200L << Math.min(outage, 10));
        log.warn(
                "Could not store {} audit events, the database does not answer (attempt {}); back to the queue in {} ms",
                messages.size(),
                outage,
                pause,
                cause);
        retried.increment(messages.size());
        pause(pause);
        for (Message message : messages) {
            channel.basicNack(message.getMessageProperties().getDeliveryTag(), false, true);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ack(Channel channel, List<Message> messages) throws IOException {
        for (Message message : messages) {
            channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
        }
    }

    private static void deadLetter(Channel channel, Message message, Counter counter, Exception cause)
            throws IOException {
        log.error(
                "Dead-lettering audit event {} (routing key {}): {}",
                message.getMessageProperties().getMessageId(),
                message.getMessageProperties().getReceivedRoutingKey(),
                cause.getMessage());
        counter.increment();
        channel.basicNack(message.getMessageProperties().getDeliveryTag(), false, false);
    }
}
