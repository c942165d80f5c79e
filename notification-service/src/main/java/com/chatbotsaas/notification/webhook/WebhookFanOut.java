package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.events.ReceivedEvent;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a successful organization event into one delivery per active webhook of that organization subscribed to its
 * type, in the transaction that records the event as handled; a redelivered event creates no second delivery.
 */
@Component
public class WebhookFanOut {

    private static final String CONSUMER = "notification-service.webhooks";

    private final IdempotentConsumer consumer;
    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;
    private final WebhookDispatcher dispatcher;

    WebhookFanOut(IdempotentConsumer consumer, JdbcClient jdbc, JsonMapper jsonMapper, WebhookDispatcher dispatcher) {
        this.consumer = consumer;
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.dispatcher = dispatcher;
    }

    /**
     * @param organizationId the event's {@code orgid}, already read as a UUID by the listener (which refuses an event
     *     whose organization id is not one)
     */
    public void on(ReceivedEvent event, UUID organizationId) {
        // Most organizations have no webhook for most events: those cost one read and write nothing.
        if (subscribers(organizationId, event.action()).isEmpty()) {
            return;
        }
        consumer.handle(CONSUMER, event, () -> fanOut(organizationId, event));
    }

    private List<UUID> subscribers(UUID organizationId, String action) {
        return jdbc
                .sql("select id, event_types from webhook where organization_id = ? and active")
                .param(organizationId)
                .query((rs, n) -> new Subscription(rs.getObject("id", UUID.class), Arrays.asList((String[])
                        rs.getArray("event_types").getArray())))
                .list()
                .stream()
                .filter(subscription -> EventTypes.matches(subscription.eventTypes(), action))
                .map(Subscription::id)
                .toList();
    }

    private void fanOut(UUID organizationId, ReceivedEvent event) {
        String payload = jsonMapper.writeValueAsString(event.document());
        int created = 0;
        for (UUID webhookId : subscribers(organizationId, event.action())) {
            created += jdbc.sql("""
                            insert into webhook_delivery (id, webhook_id, organization_id, event_id, event_type,
                            payload, next_attempt_at) values (?, ?, ?, ?, ?, ?, now())
                            on conflict (webhook_id, event_id) do nothing""")
                    .params(Uuids.v7(), webhookId, organizationId, event.id(), event.type(), payload)
                    .update();
        }
        if (created > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wakeUp();
                }
            });
        }
    }

    private record Subscription(UUID id, List<String> eventTypes) {}
}
