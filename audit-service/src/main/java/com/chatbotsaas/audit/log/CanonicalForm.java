package com.chatbotsaas.audit.log;

import com.chatbotsaas.platform.crypto.Hashes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical form of a record and its link in the chain: {@code hash = SHA-256(prev_hash + "\n" + canonical)},
 * where the canonical form is a JSON array of the record's fields in a fixed order, with {@code data} rewritten with
 * sorted keys and plain decimal numbers, so the same record read back from PostgreSQL's {@code jsonb} hashes the same.
 * The position in the chain ({@code seq}) is not hashed: order is proven by the links.
 */
final class CanonicalForm {

    static final String GENESIS = "0".repeat(64);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalForm() {}

    static String hash(String prevHash, Fields fields, JsonMapper mapper) {
        return link(prevHash, canonical(fields, mapper));
    }

    /** The hash of a record whose canonical form is already known. */
    static String link(String prevHash, String canonical) {
        return Hashes.sha256Hex(prevHash + "\n" + canonical);
    }

    static String canonical(Fields f, JsonMapper mapper) {
        ArrayNode array = NODES.arrayNode();
        array.add(f.eventId());
        array.add(f.organizationId() == null ? null : f.organizationId().toString());
        array.add(f.action());
        array.add(f.outcome());
        array.add(f.actorId());
        array.add(f.actorType());
        array.add(f.resourceType());
        array.add(f.resourceId());
        array.add(f.statusCode());
        array.add(f.errorCode());
        array.add(f.ipAddress());
        array.add(f.userAgent());
        array.add(f.requestId());
        array.add(f.traceId());
        array.add(f.source());
        array.add(f.occurredAt().toString());
        array.add(f.receivedAt().toString());
        array.add(normalize(f.data()));
        return mapper.writeValueAsString(array);
    }

    /** Sorted object keys, numbers as plain decimals without trailing zeros, recursively. */
    static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                sorted.put(entry.getKey(), normalize(entry.getValue()));
            }
            ObjectNode object = NODES.objectNode();
            sorted.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(normalize(item));
            }
            return NODES.arrayNode().addAll(items);
        }
        if (node.isNumber()) {
            return NODES.numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }

    /** What is hashed of a record. Timestamps at PostgreSQL's precision (microseconds). */
    record Fields(
            String eventId,
            @Nullable UUID organizationId,
            String action,
            String outcome,
            @Nullable String actorId,
            @Nullable String actorType,
            @Nullable String resourceType,
            @Nullable String resourceId,
            @Nullable Integer statusCode,
            @Nullable String errorCode,
            @Nullable String ipAddress,
            @Nullable String userAgent,
            @Nullable String requestId,
            @Nullable String traceId,
            @Nullable String source,
            Instant occurredAt,
            Instant receivedAt,
            JsonNode data) {}
}
