package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The worker pool: consumers of the reply queue, one message at a time each (prefetch 1, so that the broker hands out
 * the highest priority first). A delivery is acknowledged only after its reply committed (or its retry was confirmed
 * by the broker); a worker that dies before leaves it unacknowledged, and the broker delivers it again.
 *
 * <p>A delivery whose processing fails (not the engine: the database, the broker, or work that cannot be processed)
 * goes back through the retry queue with its failure count in a header, so the count follows the message and one bad
 * message never holds a worker; after {@code delivery-attempts} failures it gets the fallback reply and is
 * dead-lettered. Unreadable work is dead-lettered at once. Every dead-lettered delivery is counted in
 * {@code chatbot.replies.dead.lettered{reason}}.
 */
@Component
public class ReplyWorkers extends SimpleMessageListenerContainer {

    private static final Logger log = LoggerFactory.getLogger(ReplyWorkers.class);

    private final ReplyQueue queue;
    private final Replies replies;
    private final ChatbotProperties.Replies settings;
    private final MeterRegistry meters;

    ReplyWorkers(
            ConnectionFactory connectionFactory,
            ReplyQueue queue,
            Replies replies,
            ChatbotProperties properties,
            MeterRegistry meters) {
        super(connectionFactory);
        this.queue = queue;
        this.replies = replies;
        this.settings = properties.replies();
        this.meters = meters;
        setQueueNames(queue.name());
        setAcknowledgeMode(AcknowledgeMode.MANUAL);
        setPrefetchCount(1);
        setConcurrentConsumers(settings.workers());
        setMissingQueuesFatal(false);
        setDefaultRequeueRejected(true);
        setShutdownTimeout(2000);
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("reply-worker-");
        executor.setVirtualThreads(true);
        setTaskExecutor(executor);
        setMessageListener((ChannelAwareMessageListener) (message, channel) -> handle(
                message,
                Objects.requireNonNull(channel, "with manual acknowledgement the container passes its channel")));
    }

    private void handle(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        ReplyQueue.Work work;
        try {
            work = queue.parse(message);
        } catch (IllegalArgumentException e) {
            log.error("Unreadable reply work dead-lettered: {} (body: {})", e.getMessage(), excerpt(message));
            deadLetter(channel, tag, "malformed");
            return;
        }
        Replies.Outcome outcome;
        try {
            outcome = replies.process(work);
        } catch (RuntimeException e) {
            failed(message, channel, work, e);
            return;
        }
        try {
            switch (outcome) {
                case DONE, RETRY -> channel.basicAck(tag, false);
                // The fallback reply is written; the work itself is kept in the dead-letter queue for inspection.
                case DEAD_LETTER -> deadLetter(channel, tag, "engine_failed");
            }
        } catch (IOException | RuntimeException e) {
            // The channel went away (workers stopped, broker restarted): the broker delivers the work again, and the
            // reply already written makes that delivery a no-op.
            log.info("Could not acknowledge the work of message {}; it will be delivered again", work.messageId());
        }
    }

    /** A delivery failed: tried again after a back-off, or, after the last allowed failure, answered and dead-lettered. */
    private void failed(Message message, Channel channel, ReplyQueue.Work work, RuntimeException error)
            throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        int failures = ReplyQueue.failures(message) + 1;
        if (failures < settings.deliveryAttempts()) {
            Duration delay = settings.backoff().multipliedBy(1L << Math.min(failures - 1, 10));
            log.warn(
                    "Reply work for message {} failed ({} of {} deliveries); tried again in {} ms",
                    work.messageId(),
                    failures,
                    settings.deliveryAttempts(),
                    delay.toMillis(),
                    error);
            try {
                queue.redeliverLater(message, work, failures, delay);
            } catch (RuntimeException e) {
                // The broker did not take it back: dead-lettered, and still queued, so the sweep publishes it again.
                log.warn("Could not publish the work of message {} again; dead-lettered", work.messageId(), e);
                deadLetter(channel, tag, "retry_unavailable");
                return;
            }
            channel.basicAck(tag, false);
            return;
        }
        boolean answered = replies.giveUp(work);
        log.error(
                "Reply work for message {} failed {} times; dead-lettered {}",
                work.messageId(),
                failures,
                answered
                        ? "with the fallback reply"
                        : "without a reply (it could not be stored); the sweep publishes the work again",
                error);
        deadLetter(channel, tag, "processing_failed");
    }

    private static String excerpt(Message message) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    private void deadLetter(Channel channel, long tag, String reason) throws IOException {
        channel.basicReject(tag, false);
        Counter.builder("chatbot.replies.dead.lettered")
                .description("Reply work rejected into the dead-letter queue")
                .tag("reason", reason)
                .register(meters)
                .increment();
    }
}
