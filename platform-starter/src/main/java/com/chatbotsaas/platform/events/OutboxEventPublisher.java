package com.chatbotsaas.platform.events;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Writes events to the service's {@code outbox_event} table and wakes the relay once the transaction commits. */
class OutboxEventPublisher implements EventPublisher {

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;
    private final OutboxRelay relay;

    OutboxEventPublisher(JdbcClient jdbc, JsonMapper jsonMapper, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.relay = relay;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void publish(PlatformEvent event) {
        insert(null, event);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void publishTo(String exchange, PlatformEvent event) {
        insert(exchange, event);
    }

    private void insert(@Nullable String exchange, PlatformEvent event) {
        jdbc.sql("insert into outbox_event (id, exchange, routing_key, payload) values (?, ?, ?, ?::jsonb)")
                // One param at a time: params(Object...) takes no null, and the exchange is null for the default one.
                .param(UUID.fromString(event.id()))
                .param(exchange)
                .param(event.routingKey())
                .param(jsonMapper.writeValueAsString(event.toJson(jsonMapper)))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }
}
