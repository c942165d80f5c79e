package com.chatbotsaas.platform.events;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An event as a consumer receives it: the CloudEvents attributes and extensions as JSON, and the data, which the
 * consumer reads into its own small record of the fields it needs.
 */
public record ReceivedEvent(String id, String type, JsonNode document) {

    public static ReceivedEvent parse(Message message, JsonMapper mapper) {
        JsonNode document;
        try {
            document = mapper.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new MalformedEventException("Not a CloudEvent: not JSON", e);
        }
        JsonNode id = document.get("id");
        JsonNode type = document.get("type");
        if (id == null || !id.isString() || type == null || !type.isString()) {
            throw new MalformedEventException("Not a CloudEvent: missing id or type");
        }
        return new ReceivedEvent(id.asString(), type.asString(), document);
    }

    /** The action, e.g. {@code org.create} for type {@code com.chatbotsaas.org.create}. */
    public String action() {
        return type.startsWith(PlatformEvent.TYPE_PREFIX) ? type.substring(PlatformEvent.TYPE_PREFIX.length()) : type;
    }

    public @Nullable String attribute(String name) {
        JsonNode value = document.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    public JsonNode data() {
        JsonNode data = document.get("data");
        return data == null ? JsonNodeFactory.instance.objectNode() : data;
    }

    public <T> T dataAs(Class<T> type, JsonMapper mapper) {
        return mapper.treeToValue(data(), type);
    }

    /** An event that can never be processed: retrying won't help, it goes to the dead-letter queue. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
