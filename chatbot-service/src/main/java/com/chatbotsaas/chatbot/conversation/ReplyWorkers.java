package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.rabbitmq.client.Channel;
import java.io.IOException;
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
 */
@Component
public class ReplyWorkers extends SimpleMessageListenerContainer {

    private static final Logger log = LoggerFactory.getLogger(ReplyWorkers.class);

    ReplyWorkers(ConnectionFactory connectionFactory, ReplyQueue queue, Replies replies, ChatbotProperties properties) {
        super(connectionFactory);
        setQueueNames(queue.name());
        setAcknowledgeMode(AcknowledgeMode.MANUAL);
        setPrefetchCount(1);
        setConcurrentConsumers(properties.replies().workers());
        setMissingQueuesFatal(false);
        setDefaultRequeueRejected(true);
        setShutdownTimeout(2000);
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("reply-worker-");
        executor.setVirtualThreads(true);
        setTaskExecutor(executor);
        setMessageListener(
                (ChannelAwareMessageListener) (message, channel) -> handle(queue, replies, message, channel));
    }

    private static void handle(ReplyQueue queue, Replies replies, Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        ReplyQueue.Work work;
        try {
            work = queue.parse(message);
        } catch (RuntimeException e) {
            log.error("Unreadable reply work dead-lettered", e);
            channel.basicReject(tag, false);
            return;
        }
        Replies.Outcome outcome;
        try {
            outcome = replies.process(work);
        } catch (RuntimeException e) {
            // Database or broker trouble: the work goes back to the queue and is tried again.
            log.warn("Reply work for message {} failed; requeued", work.messageId(), e);
            pause();
            channel.basicNack(tag, false, true);
            return;
        }
        try {
            switch (outcome) {
                case DONE, RETRY -> channel.basicAck(tag, false);
                // The fallback reply is written; the work itself is kept in the dead-letter queue for inspection.
                case DEAD_LETTER -> channel.basicReject(tag, false);
            }
        } catch (IOException | RuntimeException e) {
            // The channel went away (workers stopped, broker restarted): the broker delivers the work again, and the
            // reply already written makes that delivery a no-op.
            log.info("Could not acknowledge the work of message {}; it will be delivered again", work.messageId());
        }
    }

    /** Keeps a failing dependency from turning requeues into a hot loop. */
    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
