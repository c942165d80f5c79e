package com.chatbotsaas.platform.consumer;

import com.chatbotsaas.platform.events.EventsAutoConfiguration;
import com.chatbotsaas.platform.events.MessagingProperties;
import com.chatbotsaas.platform.events.ReceivedEvent.MalformedEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RejectAndDontRequeueRecoverer;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.boot.amqp.autoconfigure.RabbitListenerRetrySettingsCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consuming side of the event bus: idempotent handling, this service's queue and its dead-letter queue, and what
 * listener retries do with a message that fails.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnBean({RabbitTemplate.class, JdbcClient.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class ConsumerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IdempotentConsumer idempotentConsumer(JdbcClient jdbc, TransactionTemplate transactions) {
        return new IdempotentConsumer(jdbc, transactions);
    }

    /** After the listener's retries, a message is rejected without requeue, so the broker dead-letters it. */
    @Bean
    @ConditionalOnMissingBean
    MessageRecoverer platformMessageRecoverer() {
        return new RejectAndDontRequeueRecoverer();
    }

    /**
     * A message that can never be processed is not retried: it goes to the dead-letter queue at once, and a handler
     * that counts what it saw counts it once. Other failures are retried as {@code spring.rabbitmq.listener.simple.retry}
     * says (platform-defaults.yml).
     */
    @Bean
    RabbitListenerRetrySettingsCustomizer platformListenerRetryExclusions() {
        return settings -> {
            List<Class<? extends Throwable>> excludes = new ArrayList<>(settings.getExceptionExcludes());
            excludes.add(MalformedEventException.class);
            excludes.add(MessageConversionException.class);
            settings.setExceptionExcludes(excludes);
        };
    }

    /** The consumer queue, its dead-letter queue and its bindings, when the service consumes events. */
    @Bean
    @ConditionalOnProperty("platform.messaging.consumer.queue")
    Declarables platformConsumerQueue(MessagingProperties properties) {
        MessagingProperties.Consumer consumer = Objects.requireNonNull(
                properties.consumer(), "platform.messaging.consumer is set: its queue is the condition of this bean");
        String deadLetters = consumer.queue() + ".dlq";
        Queue queue = QueueBuilder.durable(consumer.queue())
                .withArguments(Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadLetters))
                .build();
        List<Declarable> declarables = new ArrayList<>();
        declarables.add(queue);
        declarables.add(QueueBuilder.durable(deadLetters).build());
        for (String pattern : consumer.bindings()) {
            declarables.add(binding(queue, properties.exchange(), pattern));
        }
        for (String pattern : consumer.notificationBindings()) {
            declarables.add(binding(queue, properties.notificationsExchange(), pattern));
        }
        return new Declarables(declarables);
    }

    private static Binding binding(Queue queue, String exchange, String pattern) {
        return new Binding(queue.getName(), Binding.DestinationType.QUEUE, exchange, pattern, null);
    }
}
