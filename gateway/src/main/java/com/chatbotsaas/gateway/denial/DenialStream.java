package com.chatbotsaas.gateway.denial;

import com.chatbotsaas.gateway.redis.GatewayRedis;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The Redis stream where denials wait for the broker, on a connection of its own (never the rate limiter's). Adding
 * is asynchronous and never waits on the caller's thread; everything else is the relay's, on its own thread.
 * Entries carry the event's id and JSON; the relays read them in the consumer group {@value #GROUP}.
 */
@Component
class DenialStream implements DisposableBean {

    static final String GROUP = "relay";
    static final String ID = "id";
    static final String EVENT = "event";

    private static final Logger log = LoggerFactory.getLogger(DenialStream.class);
    /** XADD with MAXLEN ~, answering how many entries the trim removed: those are lost to the relay. */
    private static final String ADD = """
            local before = redis.call('XLEN', KEYS[1])
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'id', ARGV[2], 'event', ARGV[3])
            return before + 1 - redis.call('XLEN', KEYS[1])""";
    /** Acknowledged and removed in one step: a relayed entry never lingers to be trimmed (and counted) later. */
    private static final String SETTLE = """
            redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
            return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))""";

    private final RedisClient client;
    private final String key;
    private final long maxLength;
    private volatile @Nullable StatefulRedisConnection<String, String> connection;
    private boolean grouped;
    private long nextConnectAt;

    DenialStream(GatewayRedis redis, DenialProperties properties) {
        this.client = redis.dedicatedClient(properties.redisTimeout());
        this.key = properties.streamKey();
        this.maxLength = Math.max(1, properties.streamMaxLength());
    }

    String key() {
        return key;
    }

    /**
     * Appends an event; completes with how many older entries the length cap trimmed, or fails at once when not
     * connected. Never blocks: Lettuce sends it and completes the stage on its I/O thread.
     */
    CompletionStage<Long> add(String id, String json) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || !current.isOpen()) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis"));
        }
        try {
            return current.async()
                    .<Long>eval(ADD, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(maxLength), id, json);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Connected, and the consumer group exists; called by the relay only, which connects here at most once a second. */
    boolean ready() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            long now = System.nanoTime();
            if (now - nextConnectAt < 0) {
                return false;
            }
            nextConnectAt = now + Duration.ofSeconds(1).toNanos();
            try {
                current = client.connect(StringCodec.UTF8);
                connection = current;
                log.info("Denial stream {} connected to Redis", key);
            } catch (RuntimeException e) {
                log.debug("Denial stream cannot connect to Redis: {}", e.getMessage());
                return false;
            }
        }
        if (!current.isOpen()) {
            return false;
        }
        if (!grouped) {
            try {
                current.sync().xgroupCreate(StreamOffset.from(key, "0"), GROUP, XGroupCreateArgs.Builder.mkstream());
            } catch (RedisBusyException e) {
                // BUSYGROUP: another relay (or this one, before a reconnect) created it.
            }
            grouped = true;
        }
        return true;
    }

    /** The group must be created again, e.g. after the stream was deleted (NOGROUP). */
    void forgetGroup() {
        grouped = false;
    }

    /**
     * Takes over entries that other relays read but did not settle for {@code idle} (a relay that died), starting at
     * the cursor; returns the cursor for the next call ({@code 0-0} once the whole pending list was scanned).
     */
    String claimAbandoned(String consumer, Duration idle, String cursor, int count) {
        ClaimedMessages<String, String> claimed = commands()
                .xautoclaim(
                        key,
                        XAutoClaimArgs.Builder.justid(Consumer.from(GROUP, consumer), idle, cursor)
                                .count(count));
        return claimed.getId();
    }

    /** Entries this consumer read and has not settled (a failed publish, or claimed from another), oldest first. */
    List<Entry> readOwnPending(String consumer, int count) {
        return read(consumer, count, StreamOffset.from(key, "0"));
    }

    /** Entries no relay has read yet. */
    List<Entry> readNew(String consumer, int count) {
        return read(consumer, count, StreamOffset.lastConsumed(key));
    }

    private List<Entry> read(String consumer, int count, StreamOffset<String> offset) {
        List<StreamMessage<String, String>> messages =
                commands().xreadgroup(Consumer.from(GROUP, consumer), XReadArgs.Builder.count(count), offset);
        List<Entry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            Map<String, String> body = message.getBody();
            String id = body == null ? null : body.get(ID);
            String event = body == null ? null : body.get(EVENT);
            entries.add(new Entry(message.getId(), id, event));
        }
        return entries;
    }

    /**
     * Removes the consumers of relays gone long ago that hold nothing (each restart adds one); a live relay reads every
     * poll interval, so it is never idle that long, and reading would recreate it anyway.
     */
    int removeIdleConsumers(String self, Duration idle) {
        int removed = 0;
        for (Object info : commands().xinfoConsumers(key, GROUP)) {
            if (!(info instanceof List<?> fields)) {
                continue;
            }
            String name = null;
            long pending = -1;
            long idleMillis = -1;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                Object value = fields.get(i + 1);
                switch (String.valueOf(fields.get(i))) {
                    case "name" -> name = String.valueOf(value);
                    case "pending" -> pending = value instanceof Number number ? number.longValue() : -1;
                    case "idle" -> idleMillis = value instanceof Number number ? number.longValue() : -1;
                    default -> {}
                }
            }
            if (name != null && !name.equals(self) && pending == 0 && idleMillis >= idle.toMillis()) {
                commands().xgroupDelconsumer(key, Consumer.from(GROUP, name));
                removed++;
            }
        }
        return removed;
    }

    /** Acknowledges and deletes entries (the broker confirmed them, or they were trimmed while pending). */
    void settle(List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return;
        }
        String[] arguments = new String[entryIds.size() + 1];
        arguments[0] = GROUP;
        for (int i = 0; i < entryIds.size(); i++) {
            arguments[i + 1] = entryIds.get(i);
        }
        commands().<Long>eval(SETTLE, ScriptOutputType.INTEGER, new String[] {key}, arguments);
    }

    /** Appends on the relay's thread, waiting for the answer: for events moved out of memory. */
    long addNow(String id, String json) {
        Long trimmed = commands()
                .<Long>eval(ADD, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(maxLength), id, json);
        return trimmed == null ? 0 : trimmed;
    }

    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            throw new IllegalStateException("not connected to Redis");
        }
        return current.sync();
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /**
     * An entry of the stream: its stream id, and the event's id and JSON, both null when the entry was trimmed or
     * deleted while pending.
     */
    record Entry(
            String streamId,
            @Nullable String eventId,
            @Nullable String json) {

        boolean gone() {
            return eventId == null || json == null;
        }
    }
}
