package com.chatbotsaas.gateway.denial;

import com.chatbotsaas.gateway.denial.DenialStream.Entry;
import com.chatbotsaas.platform.core.amqp.ConfirmedPublisher;
import com.chatbotsaas.platform.core.amqp.ConfirmedPublisher.Outgoing;
import com.chatbotsaas.platform.core.work.Backoff;
import com.chatbotsaas.platform.core.work.PollingWorker;
import io.lettuce.core.RedisCommandExecutionException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves denials from the Redis stream (and, while Redis is unavailable, from memory) to the broker. An entry is
 * acknowledged and deleted only after the broker confirmed the event and did not return it as unroutable; otherwise
 * it stays pending and is retried with back-off. Entries another instance read but never settled (it died) are taken
 * over after {@code claimIdle}. Delivery is at least once: a redelivered event keeps its id, and audit-service stores
 * an id once.
 */
@Component
class DenialRelay extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(DenialRelay.class);
    private static final Duration CLAIM_EVERY = Duration.ofSeconds(1);
    private static final Duration TIDY_EVERY = Duration.ofMinutes(10);
    private static final Duration CONSUMER_GONE_AFTER = Duration.ofHours(1);

    private final DenialStream stream;
    private final ConfirmedPublisher broker;
    private final DenialProperties properties;
    private final DenialMetrics metrics;
    private final Backoff backoff;
    private final String consumer;
    /** Filled on requests' threads while Redis is unavailable. */
    private final BlockingQueue<Pending> memory;
    /** Taken from memory but not confirmed yet; the relay's thread only. */
    private final List<Pending> memoryRetry = new ArrayList<>();

    private volatile int failures;
    private volatile Duration wait;
    private long nextTidyAt = System.nanoTime() + TIDY_EVERY.toNanos();
    private int passSent;
    private int passUnsent;
    private @Nullable String passError;
    private String claimCursor = "0-0";
    private long nextClaimAt = System.nanoTime();

    DenialRelay(DenialStream stream, RabbitTemplate rabbit, DenialProperties properties, DenialMetrics metrics) {
        super("gateway-denials", properties.pollInterval());
        this.stream = stream;
        this.broker = new ConfirmedPublisher(rabbit, properties.confirmTimeout());
        this.properties = properties;
        this.metrics = metrics;
        this.backoff = Backoff.exponential(properties.retryBackoff(), properties.maxRetryBackoff())
                .withJitter();
        this.consumer = consumerName();
        this.memory = new ArrayBlockingQueue<>(Math.max(1, properties.queueCapacity()));
        this.wait = properties.pollInterval();
    }

    /** Unique per process: a restarted instance's old entries are claimed like any dead relay's. */
    private static String consumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "gateway";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String consumer() {
        return consumer;
    }

    /** A denial reached the stream: relay it soon, unless the broker is failing (then the back-off decides). */
    void stored() {
        if (failures == 0) {
            wakeUp();
        }
    }

    /** Holds a denial Redis could not take; false when memory is full too. Never blocks. */
    boolean holdInMemory(String id, String json) {
        boolean held = memory.offer(new Pending(id, json));
        if (held && failures == 0) {
            wakeUp();
        }
        return held;
    }

    @Override
    protected int runOnce() {
        passSent = 0;
        passUnsent = 0;
        passError = null;
        int sent = relayMemory();
        try {
            sent += relayStream();
        } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                stream.forgetGroup();
            }
            log.warn("Denial stream not relayed: {}", e.getMessage());
        } catch (RuntimeException e) {
            // Redis unavailable: what it holds waits there; new denials go to memory meanwhile.
            log.debug("Denial stream not reachable: {}", e.getMessage());
        }
        afterPass();
        return sent;
    }

    /** Backs off while the broker does not confirm; any pass without an unconfirmed event ends the back-off. */
    private void afterPass() {
        metrics.published(passSent);
        if (passUnsent == 0) {
            failures = 0;
            wait = properties.pollInterval();
            return;
        }
        metrics.unconfirmed(passUnsent);
        failures = Math.min(failures + 1, 64);
        wait = backoff.delayAfter(failures);
        log.warn(
                "{} of {} denial events not confirmed by the broker ({}); retrying in {} ms",
                passUnsent,
                passSent + passUnsent,
                passError,
                wait.toMillis());
    }

    @Override
    protected boolean moreMayBeDue(int handled) {
        return failures == 0 && handled >= properties.batchSize();
    }

    @Override
    protected Duration idleWait() {
        return wait;
    }

    private int relayMemory() {
        List<Pending> batch = new ArrayList<>(memoryRetry);
        memoryRetry.clear();
        memory.drainTo(batch, Math.max(0, properties.batchSize() - batch.size()));
        if (batch.isEmpty()) {
            return 0;
        }
        List<@Nullable String> errors = broker.publish(
                batch.stream().map(p -> outgoing(p.id(), p.json())).toList());
        int sent = 0;
        String firstError = null;
        boolean redisTakes = true;
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            String error = errors.get(i);
            if (error == null) {
                sent++;
                continue;
            }
            firstError = firstError == null ? error : firstError;
            // Not confirmed: into the stream if Redis is back, where it outlives this instance.
            if (redisTakes && moveToStream(pending)) {
                continue;
            }
            redisTakes = false;
            memoryRetry.add(pending);
        }
        settled(sent, batch.size() - sent, firstError);
        return sent;
    }

    private boolean moveToStream(Pending pending) {
        try {
            if (!stream.ready()) {
                return false;
            }
            metrics.trimmed(stream.addNow(pending.id(), pending.json()));
            metrics.stored();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private int relayStream() {
        if (!stream.ready()) {
            return 0;
        }
        long now = System.nanoTime();
        if (now - nextClaimAt >= 0) {
            nextClaimAt = now + CLAIM_EVERY.toNanos();
            claimCursor = stream.claimAbandoned(consumer, properties.claimIdle(), claimCursor, properties.batchSize());
        }
        if (now - nextTidyAt >= 0) {
            nextTidyAt = now + TIDY_EVERY.toNanos();
            int removed = stream.removeIdleConsumers(consumer, CONSUMER_GONE_AFTER);
            if (removed > 0) {
                log.info("Removed {} consumers of denial relays gone for over {}", removed, CONSUMER_GONE_AFTER);
            }
        }
        List<Entry> batch = new ArrayList<>(stream.readOwnPending(consumer, properties.batchSize()));
        if (batch.size() < properties.batchSize()) {
            batch.addAll(stream.readNew(consumer, properties.batchSize() - batch.size()));
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<String> settle = new ArrayList<>();
        List<Entry> live = new ArrayList<>();
        for (Entry entry : batch) {
            if (entry.gone()) {
                // Trimmed (and counted) or deleted while pending: nothing left to send.
                settle.add(entry.streamId());
            } else {
                live.add(entry);
            }
        }
        List<@Nullable String> errors = live.isEmpty()
                ? List.of()
                : broker.publish(live.stream()
                        .map(entry -> outgoing(entry.eventId(), entry.json()))
                        .toList());
        int sent = 0;
        String firstError = null;
        for (int i = 0; i < live.size(); i++) {
            String error = errors.get(i);
            if (error == null) {
                settle.add(live.get(i).streamId());
                sent++;
            } else {
                firstError = firstError == null ? error : firstError;
            }
        }
        // Should this fail (Redis froze after the confirm), the entries are sent again later: a duplicate by id.
        stream.settle(settle);
        settled(sent, live.size() - sent, firstError);
        return sent;
    }

    private void settled(int sent, int unsent, @Nullable String firstError) {
        passSent += sent;
        passUnsent += unsent;
        if (passError == null) {
            passError = firstError;
        }
    }

    private Outgoing outgoing(@Nullable String id, @Nullable String json) {
        return new Outgoing(
                properties.exchange(),
                DenialEvents.ROUTING_KEY,
                ConfirmedPublisher.cloudEvent(String.valueOf(id), String.valueOf(json)));
    }

    /** Whatever is still in memory goes to the stream if Redis takes it; the rest is lost and counted. */
    @Override
    public void stop() {
        super.stop();
        List<Pending> left = new ArrayList<>(memoryRetry);
        memoryRetry.clear();
        memory.drainTo(left);
        int lost = 0;
        for (Pending pending : left) {
            if (!moveToStream(pending)) {
                lost++;
            }
        }
        if (lost > 0) {
            metrics.failed(lost);
            log.warn("{} denial events held in memory were not published before shutdown", lost);
        }
    }

    private record Pending(String id, String json) {}
}
