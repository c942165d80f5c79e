package com.chatbotsaas.platform.events;

import com.chatbotsaas.platform.data.Uuids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A CloudEvents 1.0 event as the platform publishes it (structured JSON mode), with the routing key it travels
 * under on the {@code platform.events} exchange.
 *
 * <p>The data is a record of the event's own (or a map), written by one mapper of the platform's with snake_case
 * property names: a record's {@code resourceId} is {@code resource_id} in every service, whatever the naming of the
 * service's own mapper. Map keys are written as they are.
 *
 * @param extensions CloudEvents extension attributes (lower-case names; string, number or boolean values)
 * @param data the event's data: a record or a map, written as a JSON object
 */
public record PlatformEvent(
        String id,
        String type,
        String source,
        Instant time,
        String routingKey,
        Map<String, Object> extensions,
        Object data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String TYPE_PREFIX = "com.chatbotsaas.";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** Writes every event's data, so its names do not depend on the application's mapper. */
    private static final JsonMapper DATA_MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    public PlatformEvent {
        extensions = Map.copyOf(extensions);
    }

    /** A new event of an action ({@code org.create}) with its outcome, routed as {@code org.create.success}. */
    public static PlatformEvent of(
            String action, String outcome, String source, EventExtensions extensions, Object data) {
        return of(action, outcome, source, extensions.asMap(), data);
    }

    /** As {@link #of(String, String, String, EventExtensions, Object)}, with the extensions as a map. */
    public static PlatformEvent of(
            String action, String outcome, String source, Map<String, Object> extensions, Object data) {
        Map<String, Object> withOutcome = new LinkedHashMap<>(extensions);
        withOutcome.put("outcome", outcome);
        return new PlatformEvent(
                Uuids.v7().toString(),
                TYPE_PREFIX + action,
                source,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                action + "." + outcome,
                withOutcome,
                data);
    }

    /**
     * A message that is not an audited action, e.g. {@code notification.invitation} for notification-service: type
     * {@code com.chatbotsaas.<name>}, routed as {@code <name>}.
     */
    public static PlatformEvent message(String name, String source, EventExtensions extensions, Object data) {
        return message(name, source, extensions.asMap(), data);
    }

    /** As {@link #message(String, String, EventExtensions, Object)}, with the extensions as a map. */
    public static PlatformEvent message(String name, String source, Map<String, Object> extensions, Object data) {
        return new PlatformEvent(
                Uuids.v7().toString(),
                TYPE_PREFIX + name,
                source,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                name,
                extensions,
                data);
    }

    public @Nullable Object extension(String name) {
        return extensions.get(name);
    }

    /** The structured-mode JSON document; {@code mapper} builds the envelope, the data is written in snake_case. */
    public ObjectNode toJson(JsonMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("specversion", SPEC_VERSION);
        node.put("id", id);
        node.put("source", source);
        node.put("type", type);
        node.put("time", time.toString());
        node.put("datacontenttype", "application/json");
        extensions.forEach((name, value) -> {
            if (value instanceof Number number) {
                node.put(name, number.intValue());
            } else if (value instanceof Boolean bool) {
                node.put(name, bool);
            } else if (value != null) {
                node.put(name, withoutNul(value.toString()));
            }
        });
        node.set("data", withoutNul(DATA_MAPPER.<JsonNode>valueToTree(data)));
        return node;
    }

    /**
     * PostgreSQL stores no U+0000 in text or jsonb (the outbox, the audit trail): client input carrying one, kept in
     * an event as it was sent, would make the event impossible to store. It becomes U+FFFD.
     */
    private static JsonNode withoutNul(JsonNode node) {
        if (node.isString()) {
            String text = node.asString();
            return text.indexOf('\u0000') < 0 ? node : StringNode.valueOf(withoutNul(text));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode clean = object.objectNode();
            object.properties().forEach(e -> clean.set(withoutNul(e.getKey()), withoutNul(e.getValue())));
            return clean;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode clean = array.arrayNode();
            array.forEach(e -> clean.add(withoutNul(e)));
            return clean;
        }
        return node;
    }

    private static String withoutNul(String text) {
        return text.replace('\u0000', '\uFFFD');
    }
}
