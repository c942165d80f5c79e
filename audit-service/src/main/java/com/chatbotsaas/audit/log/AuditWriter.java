package com.chatbotsaas.audit.log;

import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.events.ReceivedEvent;
import com.chatbotsaas.platform.events.ReceivedEvent.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends events to the audit log, a batch per transaction: each event once (its id is claimed in {@code audit_event}
 * with {@code on conflict do nothing}), each chain extended under a lock on its head row, heads taken in one global
 * order so that concurrent batches wait for each other instead of forking a chain or deadlocking. An event with a field
 * that cannot be read as the contract says is refused, never stored with a stand-in (the receipt time for its time, no
 * organization for its organization): a record must say what happened, or not be there.
 */
@Service
public class AuditWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    /** The chain of events that belong to no organization (logins of unknown users, gateway denials...). */
    static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    private static final String INSERT = """
            insert into audit_log (id, event_id, chain_id, seq, prev_hash, hash, action, outcome, actor_id, actor_type,
              organization_id, resource_type, resource_id, status_code, error_code, ip_address, user_agent, request_id,
              trace_id, source, data, occurred_at, received_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper jsonMapper;
    private final MeterRegistry meters;

    AuditWriter(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper jsonMapper, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.jsonMapper = jsonMapper;
        this.meters = meters;
    }

    /**
     * Reads what is stored of an event, or throws {@link MalformedEventException} for an event that can never be
     * stored (retrying it would not help), counted in {@code audit.events.malformed} by the field at fault.
     */
    public Pending prepare(ReceivedEvent event, Instant receivedAt) {
        String outcome = event.attribute("outcome");
        Instant occurredAt = occurredAt(event);
        String userAgent = event.attribute("useragent");
        JsonNode data = event.data();
        if (!data.isObject()) {
            throw malformed(event, "data", "is not an object");
        }
        CanonicalForm.Fields fields = new CanonicalForm.Fields(
                limitPresent(event, event.id(), 255, "id"),
                organizationId(event),
                limitPresent(event, event.action(), 128, "type"),
                limitPresent(event, outcome == null ? "success" : outcome, 16, "outcome"),
                limit(event, event.attribute("actorid"), 255, "actorid"),
                limit(event, event.attribute("actortype"), 16, "actortype"),
                limit(event, text(data, "resource_type"), 64, "resource_type"),
                limit(event, text(data, "resource_id"), 255, "resource_id"),
                integerOrNull(event.attribute("statuscode")),
                limit(event, event.attribute("errorcode"), 64, "errorcode"),
                limit(event, event.attribute("clientip"), 64, "clientip"),
                // A long user agent is cut rather than refused: the action still happened.
                userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512),
                limit(event, event.attribute("requestid"), 64, "requestid"),
                limit(event, traceId(event.attribute("traceparent")), 64, "traceparent"),
                limit(event, event.attribute("source"), 255, "source"),
                occurredAt,
                receivedAt.truncatedTo(ChronoUnit.MICROS),
                CanonicalForm.normalize(data));
        // The costly part (serializing) happens here, outside the transaction and the chain locks.
        return new Pending(fields, CanonicalForm.canonical(fields, jsonMapper), jsonMapper.writeValueAsString(data));
    }

    /** Stores a batch in one transaction; events already stored (redeliveries) are skipped. */
    @Transactional
    public Result store(List<Pending> batch) {
        Instant receivedAt = batch.getFirst().fields().receivedAt();
        Map<String, Pending> byId = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byId.putIfAbsent(pending.fields().eventId(), pending);
        }
        Set<String> fresh = new HashSet<>(jdbc.sql("""
                        insert into audit_event (event_id, received_at) select unnest(?::varchar[]), ?
                        on conflict do nothing returning event_id""")
                .params(byId.keySet().toArray(String[]::new), Timestamp.from(receivedAt))
                .query(String.class)
                .list());
        if (fresh.isEmpty()) {
            return new Result(0, batch.size());
        }
        // Chains in ascending id order, which is also PostgreSQL's order of uuids: one global lock order.
        Map<String, List<Pending>> chains = new TreeMap<>();
        for (Pending pending : byId.values()) {
            if (fresh.contains(pending.fields().eventId())) {
                chains.computeIfAbsent(chainOf(pending.fields()).toString(), k -> new ArrayList<>())
                        .add(pending);
            }
        }
        String[] chainIds = chains.keySet().toArray(String[]::new);
        jdbc.sql("""
                        insert into audit_chain (chain_id, last_seq, last_hash, checkpoint_seq, checkpoint_hash)
                        select c::uuid, 0, ?, 0, ? from unnest(?::varchar[]) with ordinality as t(c, n) order by n
                        on conflict do nothing""")
                .params(CanonicalForm.GENESIS, CanonicalForm.GENESIS, chainIds)
                .update();
        Map<String, Head> heads = new HashMap<>();
        jdbc.sql("""
                        select chain_id, last_seq, last_hash from audit_chain
                        where chain_id = any(?::uuid[]) order by chain_id for update""")
                .param(chainIds)
                .query((rs, n) -> heads.put(
                        rs.getString("chain_id"), new Head(rs.getLong("last_seq"), rs.getString("last_hash"))))
                .list();
        List<Object[]> rows = new ArrayList<>(fresh.size());
        List<Object[]> headUpdates = new ArrayList<>(chains.size());
        for (Map.Entry<String, List<Pending>> chain : chains.entrySet()) {
            // Every chain of the batch was inserted if missing and then selected above.
            Head head = Objects.requireNonNull(heads.get(chain.getKey()), "audit_chain row locked above");
            long seq = head.seq();
            String hash = head.hash();
            for (Pending pending : chain.getValue()) {
                seq++;
                String prev = hash;
                hash = CanonicalForm.link(prev, pending.canonical());
                rows.add(row(pending, UUID.fromString(chain.getKey()), seq, prev, hash));
            }
            headUpdates.add(new Object[] {seq, hash, UUID.fromString(chain.getKey())});
        }
        jdbcTemplate.batchUpdate(INSERT, rows);
        jdbcTemplate.batchUpdate("update audit_chain set last_seq = ?, last_hash = ? where chain_id = ?", headUpdates);
        return new Result(fresh.size(), batch.size() - fresh.size());
    }

    static UUID chainOf(CanonicalForm.Fields fields) {
        return fields.organizationId() == null ? PLATFORM_CHAIN : fields.organizationId();
    }

    private static Object[] row(Pending pending, UUID chainId, long seq, String prevHash, String hash) {
        CanonicalForm.Fields f = pending.fields();
        return new Object[] {
            Uuids.v7(),
            f.eventId(),
            chainId,
            seq,
            prevHash,
            hash,
            f.action(),
            f.outcome(),
            f.actorId(),
            f.actorType(),
            f.organizationId(),
            f.resourceType(),
            f.resourceId(),
            f.statusCode(),
            f.errorCode(),
            f.ipAddress(),
            f.userAgent(),
            f.requestId(),
            f.traceId(),
            f.source(),
            pending.dataJson(),
            Timestamp.from(f.occurredAt()),
            Timestamp.from(f.receivedAt())
        };
    }

    private @Nullable String limit(ReceivedEvent event, @Nullable String value, int max, String attribute) {
        return value == null ? null : limitPresent(event, value, max, attribute);
    }

    private String limitPresent(ReceivedEvent event, String value, int max, String attribute) {
        if (value.length() > max) {
            throw malformed(event, attribute, "is longer than " + max + " characters");
        }
        return value;
    }

    private MalformedEventException malformed(ReceivedEvent event, String field, String problem) {
        log.warn("Refusing audit event {} ({}): {} {}", event.id(), event.type(), field, problem);
        meters.counter("audit.events.malformed", "field", field).increment();
        return new MalformedEventException(field + " " + problem);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The organization the event belongs to; none only when the event names none. */
    private @Nullable UUID organizationId(ReceivedEvent event) {
        String value = event.attribute("orgid");
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw malformed(event, "orgid", "is not a uuid");
        }
    }

    private static @Nullable Integer integerOrNull(@Nullable String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The trace id of a W3C {@code traceparent} ({@code 00-<trace>-<span>-<flags>}). */
    private static @Nullable String traceId(@Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 2 ? parts[1] : null;
    }

    /** When it happened, as the producer says (the contract requires it); the receipt time is no substitute. */
    private Instant occurredAt(ReceivedEvent event) {
        String time = event.attribute("time");
        if (time == null) {
            throw malformed(event, "time", "is missing");
        }
        try {
            return OffsetDateTime.parse(time).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw malformed(event, "time", "is not an RFC 3339 date-time");
        }
    }

    /** An event read and checked, waiting to be stored: its fields, their canonical form, its data as JSON. */
    public record Pending(CanonicalForm.Fields fields, String canonical, String dataJson) {}

    /** How many events of a batch were stored, and how many had been stored before. */
    public record Result(int stored, int duplicates) {}

    private record Head(long seq, String hash) {}
}
