package com.chatbotsaas.audit.messaging;

import com.chatbotsaas.audit.log.AuditProperties;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listener container of the events queue: batches, manual acknowledgement after commit, no retry interceptor (the
 * handler decides per message between dead-lettering and sending back).
 */
@Configuration(proxyBeanMethods = false)
class IngestListenerConfiguration {

    static final String CONTAINER_FACTORY = "auditIngestContainerFactory";

    @Bean(CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory auditIngestContainerFactory(
            ConnectionFactory connectionFactory, AuditProperties properties) {
        AuditProperties.Ingest ingest = properties.ingest();
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        factory.setBatchListener(true);
        factory.setConsumerBatchEnabled(true);
        factory.setBatchSize(ingest.batchSize());
        factory.setPrefetchCount(Math.max(ingest.prefetch(), ingest.batchSize()));
        factory.setConcurrentConsumers(ingest.consumers());
        factory.setMaxConcurrentConsumers(ingest.consumers());
        factory.setReceiveTimeout(Math.min(ingest.batchTimeout().toMillis(), 100L));
        factory.setBatchReceiveTimeout(ingest.batchTimeout().toMillis());
        factory.setDefaultRequeueRejected(false);
        factory.setMissingQueuesFatal(false);
        return factory;
    }
}
