package com.chatbotsaas.notification.support;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.contract.MessageContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events and messages as the other services send them, built from the contract's examples with fresh ids; each is
 * checked against its schema before it is published.
 */
public final class Events {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Events() {}

    /** An example event with a new id, e.g. {@code event("auth.register.success")}. */
    public static ObjectNode event(String example) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example(example));
        event.put("id", UUID.randomUUID().toString());
        return event;
    }

    public static ObjectNode message(String example) {
        ObjectNode message = (ObjectNode) JSON.readTree(MessageContracts.example(example));
        message.put("id", UUID.randomUUID().toString());
        return message;
    }

    public static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    /** Sets {@code data.changes.<field>} to {@code [old, new]}. */
    public static ObjectNode change(ObjectNode event, String field, String oldValue, String newValue) {
        ObjectNode changes = data(event).has("changes")
                ? (ObjectNode) data(event).get("changes")
                : data(event).putObject("changes");
        ArrayNode pair = changes.putArray(field);
        pair.add(oldValue).add(newValue);
        return event;
    }

    public static void publish(ObjectNode event) {
        String json = JSON.writeValueAsString(event);
        List<String> violations = EventContracts.violations(json);
        if (!violations.isEmpty()) {
            throw new AssertionError("Test event breaks the contract: " + violations);
        }
        String type = event.path("type").asString().substring("com.chatbotsaas.".length());
        EventProbe.publish(type + "." + event.path("outcome").asString(), json);
    }

    /** A message on the notifications exchange, checked against {@code contracts/messages/<schema>}. */
    public static void publishMessage(RabbitTemplate rabbit, String schema, String routingKey, ObjectNode message) {
        String json = JSON.writeValueAsString(message);
        if (schema != null) {
            List<String> violations = MessageContracts.violations(schema, json);
            if (!violations.isEmpty()) {
                throw new AssertionError("Test message breaks the contract: " + violations);
            }
        }
        rabbit.send(
                PlatformTestEnvironment.NOTIFICATIONS_EXCHANGE,
                routingKey,
                MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
                        .setContentType("application/cloudevents+json")
                        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                        .build());
    }

    public static String json(Object node) {
        return JSON.writeValueAsString(node);
    }
}
