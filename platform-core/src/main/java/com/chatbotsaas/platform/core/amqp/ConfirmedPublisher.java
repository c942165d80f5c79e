package com.chatbotsaas.platform.core.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a batch and waits for the broker's answer about each message: sent means confirmed ({@code ack}) and not
 * returned as unroutable. The template must have correlated publisher confirms, publisher returns and
 * {@code mandatory} on; otherwise no message would ever count as sent. Once a send fails (the broker is unreachable),
 * the rest of the batch fails with it instead of paying a connect timeout each.
 */
public final class ConfirmedPublisher {

    public static final String CLOUDEVENTS_CONTENT_TYPE = "application/cloudevents+json";

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    public ConfirmedPublisher(RabbitTemplate rabbit, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * A message to publish. The message id, when set, also correlates the confirm.
     *
     * @param context entered while the message is sent, e.g. the trace of the request that caused it
     */
    public record Outgoing(String exchange, String routingKey, Message message, SendContext context) {

        public Outgoing(String exchange, String routingKey, Message message) {
            this(exchange, routingKey, message, () -> () -> {});
        }
    }

    /** What is current on the sending thread while one message is sent. */
    @FunctionalInterface
    public interface SendContext {

        Entered enter();

        /** Left once the message was handed to the broker. */
        @FunctionalInterface
        interface Entered extends AutoCloseable {
            @Override
            void close();
        }
    }

    /** A structured-mode CloudEvent as the platform sends it: persistent, its id as the message id. */
    public static Message cloudEvent(String id, String json) {
        return MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
                .setContentType(CLOUDEVENTS_CONTENT_TYPE)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(id)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    /**
     * Sends each message, then waits (up to the confirm timeout each) for the broker's answers.
     *
     * @return for each message, in order: null when the broker took it, else why not
     */
    public List<@Nullable String> publish(List<Outgoing> batch) {
        List<CorrelationData> confirms = new ArrayList<>(batch.size());
        RuntimeException sendFailure = null;
        for (Outgoing outgoing : batch) {
            String id = outgoing.message().getMessageProperties().getMessageId();
            CorrelationData correlation = id == null ? new CorrelationData() : new CorrelationData(id);
            confirms.add(correlation);
            if (sendFailure != null) {
                correlation.getFuture().completeExceptionally(sendFailure);
                continue;
            }
            try (SendContext.Entered ignored = outgoing.context().enter()) {
                rabbit.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
            } catch (RuntimeException e) {
                sendFailure = e;
                correlation.getFuture().completeExceptionally(e);
            }
        }
        List<@Nullable String> outcomes = new ArrayList<>(batch.size());
        for (CorrelationData correlation : confirms) {
            outcomes.add(awaitConfirm(correlation));
        }
        return outcomes;
    }

    private @Nullable String awaitConfirm(CorrelationData correlation) {
        try {
            CorrelationData.Confirm confirm =
                    correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                return "nacked by broker: " + confirm.reason();
            }
            if (correlation.getReturned() != null) {
                return "unroutable: " + correlation.getReturned().getReplyText();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
    }
}
