package com.chatbotsaas.chatbot.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reply work queue: a durable RabbitMQ priority queue (priority from the organization's plan), a retry queue whose
 * messages expire back into it after a back-off, and a dead-letter queue for work that finally failed. Publishing
 * waits for the broker's confirm.
 */
@Component
class ReplyQueue {

    static final int MAX_PRIORITY = 9;

    /** How many deliveries of this work failed before it was published again (absent: none). */
    static final String FAILURES_HEADER = "x-reply-failures";

    /** One unit of work: produce the reply to this user message. */
    record Work(UUID messageId, Instant createdAt, int attempt) {}

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final String queue;

    ReplyQueue(RabbitTemplate rabbit, JsonMapper json, @Value("${chatbot.replies.queue}") String queue) {
        this.rabbit = rabbit;
        this.json = json;
        this.queue = queue;
    }

    String name() {
        return queue;
    }

    /** @throws IllegalStateException when the broker did not confirm */
    void publish(Work work, int priority) {
        send(queue, work, priority, null, 0);
    }

    /** Back to the queue after the delay, through the retry queue. */
    void retryLater(Work work, int priority, Duration delay) {
        send(queue + ".retry", work, priority, delay, 0);
    }

    /**
     * The same work back to the queue after the delay, through the retry queue, carrying how many of its deliveries
     * failed so far: the count belongs to the message, whichever worker takes it next.
     *
     * @throws IllegalStateException when the broker did not confirm
     */
    void redeliverLater(Message delivery, Work work, int failures, Duration delay) {
        Integer priority = delivery.getMessageProperties().getPriority();
        send(queue + ".retry", work, priority == null ? 0 : priority, delay, failures);
    }

    /**
     * Reads the work of a delivery.
     *
     * @throws IllegalArgumentException for a body that is not reply work (not JSON, or without message id, creation
     *     time or a positive attempt): such a delivery can never be processed
     */
    Work parse(Message message) {
        Work work;
        try {
            work = json.readValue(new String(message.getBody(), StandardCharsets.UTF_8), Work.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Reply work is not readable: " + e.getMessage(), e);
        }
        // Absent fields read as null (or 0): without them the work names no message.
        if (work == null || work.messageId() == null || work.createdAt() == null || work.attempt() < 1) {
            throw new IllegalArgumentException("Reply work without message_id, created_at or a positive attempt");
        }
        return work;
    }

    /** How many deliveries of this work failed before. */
    static int failures(Message message) {
        Object value = message.getMessageProperties().getHeader(FAILURES_HEADER);
        return value instanceof Number number ? number.intValue() : 0;
    }

    private void send(String routingKey, Work work, int priority, @Nullable Duration delay, int failures) {
        MessageProperties properties = new MessageProperties();
        if (failures > 0) {
            properties.setHeader(FAILURES_HEADER, failures);
        }
        properties.setContentType("application/json");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setPriority(Math.clamp(priority, 0, MAX_PRIORITY));
        if (delay != null) {
            properties.setExpiration(Long.toString(Math.max(1, delay.toMillis())));
        }
        Message message = new Message(json.writeValueAsBytes(work), properties);
        CorrelationData correlation = new CorrelationData(work.messageId() + ":" + work.attempt() + ":" + failures);
        rabbit.send("", routingKey, message, correlation);
        try {
            CorrelationData.Confirm confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
            if (!confirm.ack() || correlation.getReturned() != null) {
                throw new IllegalStateException("Broker refused reply work: " + confirm.reason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing reply work", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("No confirm for reply work", e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Queues {

        @Bean
        Declarables chatbotReplyQueues(@Value("${chatbot.replies.queue}") String queue) {
            return new Declarables(
                    QueueBuilder.durable(queue)
                            .maxPriority(MAX_PRIORITY)
                            .deadLetterExchange("")
                            .deadLetterRoutingKey(queue + ".dlq")
                            .build(),
                    QueueBuilder.durable(queue + ".retry")
                            .deadLetterExchange("")
                            .deadLetterRoutingKey(queue)
                            .build(),
                    QueueBuilder.durable(queue + ".dlq").build());
        }
    }
}
