package com.chatbotsaas.audit.messaging;

import com.chatbotsaas.audit.log.AuditLogs;
import com.chatbotsaas.platform.events.ReceivedEvent;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every platform event becomes an audit record. Storing is idempotent on the event id, so a redelivery after a
 * crash between commit and acknowledgement stores nothing twice.
 */
@Component
class PlatformEventsHandler {

    private final AuditLogs auditLogs;
    private final JsonMapper jsonMapper;

    PlatformEventsHandler(AuditLogs auditLogs, JsonMapper jsonMapper) {
        this.auditLogs = auditLogs;
        this.jsonMapper = jsonMapper;
    }

    @RabbitListener(queues = "${platform.messaging.consumer.queue}")
    void on(Message message) {
        auditLogs.store(ReceivedEvent.parse(message, jsonMapper));
    }
}
