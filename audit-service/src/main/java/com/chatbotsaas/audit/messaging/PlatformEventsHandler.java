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
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every platform event becomes an audit record, in batches: a batch is stored in one transaction and acknowledged
 * after commit, so a crash in between means a redelivery, which stores nothing twice. A message that can never be
 * stored (not a CloudEvent, a field the schema refuses) is dead-lettered at once and counted, without holding up the
 * others; a failure that may pass (database away, lock conflict) sends the batch back to the queue after a pause.
 */
@Component
class PlatformEventsHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformEventsHandler.class);

    private final AuditWriter writer;
    private final JsonMapper jsonMapper;
    private final AuditProperties properties;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter malformed;
    private final Counter refused;
    private final Counter retried;
    private final ThreadLocal<Integer> failures = ThreadLocal.withInitial(() -> 0);

    PlatformEventsHandler(AuditWriter writer, JsonMapper jsonMapper, AuditProperties properties, MeterRegistry meters) {
        this.writer = writer;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
        this.stored = meters.counter("audit.events.stored");
        this.duplicates = meters.counter("audit.events.duplicates");
        this.malformed = meters.counter("audit.events.dead_lettered", "reason", "malformed");
        this.refused = meters.counter("audit.events.dead_lettered", "reason", "refused");
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
            } catch (ReceivedEvent.MalformedEventException | JacksonException e) {
                deadLetter(channel, message, malformed, e);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            count(writer.store(pending));
            ack(channel, accepted);
            failures.set(0);
        } catch (DataIntegrityViolationException e) {
            // One of them is refused by the database: find it by storing them one by one.
            for (int i = 0; i < pending.size(); i++) {
                storeAlone(channel, accepted.get(i), pending.get(i));
            }
        } catch (RuntimeException e) {
            retryLater(channel, accepted, e);
        }
    }

    private void storeAlone(Channel channel, Message message, AuditWriter.Pending event) throws IOException {
        try {
            count(writer.store(List.of(event)));
            channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
        } catch (DataIntegrityViolationException e) {
            deadLetter(channel, message, refused, e);
        } catch (RuntimeException e) {
            retryLater(channel, List.of(message), e);
        }
    }

    private void count(AuditWriter.Result result) {
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
    }

    private void retryLater(Channel channel, List<Message> messages, RuntimeException cause) throws IOException {
        int attempt = failures.get() + 1;
        failures.set(attempt);
        long pause = Math.min(properties.ingest().maxBackoff().toMillis(), 200L << Math.min(attempt, 10));
        log.warn(
                "Could not store {} audit events (attempt {}); back to the queue in {} ms",
                messages.size(),
                attempt,
                pause,
                cause);
        retried.increment(messages.size());
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Message message : messages) {
            channel.basicNack(message.getMessageProperties().getDeliveryTag(), false, true);
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
