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

    public void on(ReceivedEvent event) {
        String orgId = event.attribute("orgid");
        if (orgId == null) {
            return;
        }
        UUID organizationId;
        try {
            organizationId = UUID.fromString(orgId);
        } catch (IllegalArgumentException e) {
            return;
        }
        consumer.handle(CONSUMER, event, () -> fanOut(organizationId, event));
    }

    private void fanOut(UUID organizationId, ReceivedEvent event) {
        List<Subscription> subscriptions = jdbc.sql(
                        "select id, event_types from webhook where organization_id = ? and active")
                .param(organizationId)
                .query((rs, n) -> new Subscription(rs.getObject("id", UUID.class), Arrays.asList((String[])
                        rs.getArray("event_types").getArray())))
                .list();
        String action = event.action();
        String payload = null;
        int created = 0;
        for (Subscription subscription : subscriptions) {
            if (!EventTypes.matches(subscription.eventTypes(), action)) {
                continue;
            }
            if (payload == null) {
                payload = jsonMapper.writeValueAsString(event.document());
            }
            created += jdbc.sql("""
                            insert into webhook_delivery (id, webhook_id, organization_id, event_id, event_type,
                            payload, next_attempt_at) values (?, ?, ?, ?, ?, ?, now())
                            on conflict (webhook_id, event_id) do nothing""")
                    .params(Uuids.v7(), subscription.id(), organizationId, event.id(), event.type(), payload)
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
