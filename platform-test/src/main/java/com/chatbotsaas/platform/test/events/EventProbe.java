package com.chatbotsaas.platform.test.events;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens on the test exchange like a consumer would (a private queue bound to routing-key patterns) and lets a test
 * wait for the events it expects, or publish events as another service would.
 */
public final class EventProbe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connection connection;
    private final Channel channel;
    private final List<Received> received = new ArrayList<>();

    private EventProbe(Connection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /** A probe bound to the given routing-key patterns, e.g. {@code "org.create.*"}. */
    public static EventProbe listen(String... patterns) {
        return listenOn(PlatformTestEnvironment.EXCHANGE, patterns);
    }

    /** A probe on the notifications exchange (private messages such as one-time tokens). */
    public static EventProbe listenToNotifications(String... patterns) {
        return listenOn(PlatformTestEnvironment.NOTIFICATIONS_EXCHANGE, patterns);
    }

    public static EventProbe listenOn(String exchange, String... patterns) {
        try {
            Connection connection = connectionFactory().newConnection("event-probe");
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare().getQueue();
            for (String pattern : patterns) {
                channel.queueBind(queue, exchange, pattern);
            }
            EventProbe probe = new EventProbe(connection, channel);
            channel.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> {
                        String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
                        JsonNode parsed;
                        try {
                            parsed = JSON.readTree(body);
                        } catch (RuntimeException e) {
                            // A poison-message test elsewhere; throwing here would close the channel.
                            parsed = JSON.missingNode();
                        }
                        synchronized (probe.received) {
                            probe.received.add(
                                    new Received(delivery.getEnvelope().getRoutingKey(), body, parsed));
                            probe.received.notifyAll();
                        }
                    },
                    tag -> {});
            return probe;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot listen on " + exchange, e);
        }
    }

    /** Publishes a structured CloudEvent as a producing service would. */
    public static void publish(String routingKey, String eventJson) {
        try (Connection connection = connectionFactory().newConnection("event-publisher");
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(PlatformTestEnvironment.EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel.confirmSelect();
            var properties = new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .contentType("application/cloudevents+json")
                    .deliveryMode(2)
                    .headers(Map.of())
                    .build();
            channel.basicPublish(
                    PlatformTestEnvironment.EXCHANGE,
                    routingKey,
                    properties,
                    eventJson.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        } catch (IOException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("Cannot publish " + routingKey, e);
        }
    }

    /**
     * Takes the first message containing the marker from a queue, e.g. a service's dead-letter queue
     * ({@code PlatformTestEnvironment.QUEUE_PREFIX + "audit-service.events.dlq"}); whether there was one. Messages
     * without it stay in the queue.
     */
    public static boolean takeFrom(String queue, String marker) {
        try (Connection connection = connectionFactory().newConnection("queue-reader");
                Channel channel = connection.createChannel()) {
            var message = channel.basicGet(queue, false);
            while (message != null) {
                if (new String(message.getBody(), StandardCharsets.UTF_8).contains(marker)) {
                    channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                    return true;
                }
                message = channel.basicGet(queue, false);
            }
            return false;
        } catch (IOException | TimeoutException e) {
            // The queue is declared by the service when it starts: not there yet means nothing in it yet.
            return false;
        }
    }

    /** Empties a queue if it exists (a service declares its queues when it starts). */
    public static void purge(String queue) {
        try (Connection connection = connectionFactory().newConnection("queue-purge")) {
            Channel channel = connection.createChannel();
            try {
                channel.queueDeclarePassive(queue);
                channel.queuePurge(queue);
            } catch (IOException e) {
                // The queue does not exist yet: nothing to empty.
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot reach the test broker", e);
        }
    }

    /** Waits for the first event matching the predicate. */
    public Received await(Predicate<Received> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (received) {
            while (true) {
                for (Received event : received) {
                    if (matching.test(event)) {
                        return event;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("No matching event within " + timeout + "; received: " + received);
                }
                try {
                    received.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Every event received so far that matches. */
    public List<Received> all(Predicate<Received> matching) {
        synchronized (received) {
            return received.stream().filter(matching).toList();
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // The broker may already be gone; nothing to release.
        }
    }

    /** Connections to the test broker, for tests that look into queues themselves. */
    public static ConnectionFactory connectionFactory() {
        TestInfrastructure.Endpoint rabbit = TestInfrastructure.get().rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setUsername(rabbit.user() == null ? "guest" : rabbit.user());
        factory.setPassword(rabbit.password() == null ? "guest" : rabbit.password());
        return factory;
    }

    /** An event as it arrived: routing key, raw JSON and parsed document. */
    public record Received(String routingKey, String json, JsonNode event) {

        public String type() {
            return event.path("type").asString();
        }

        public JsonNode data() {
            return event.path("data");
        }

        @Override
        public String toString() {
            return routingKey + " " + json;
        }
    }
}
