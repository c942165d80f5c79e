package com.chatbotsaas.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The producing side of a service's event bus: the exchanges, the outbox and its relay. */
@AutoConfiguration(
        after = {
            RabbitAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            JdbcClientAutoConfiguration.class
        },
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnBean({RabbitTemplate.class, JdbcClient.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class EventsAutoConfiguration {

    @Bean
    TopicExchange platformEventsExchange(MessagingProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }

    /** Declared by every service, so a producer's first message never meets a missing exchange. */
    @Bean
    TopicExchange platformNotificationsExchange(MessagingProperties properties) {
        return new TopicExchange(properties.notificationsExchange(), true, false);
    }

    @Bean
    @ConditionalOnMissingBean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    OutboxRelay outboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            RabbitTemplate rabbit,
            MessagingProperties properties,
            MeterRegistry meters) {
        return new OutboxRelay(jdbc, transactions, rabbit, properties, meters);
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(JdbcClient jdbc, JsonMapper jsonMapper, OutboxRelay relay) {
        return new OutboxEventPublisher(jdbc, jsonMapper, relay);
    }
}
