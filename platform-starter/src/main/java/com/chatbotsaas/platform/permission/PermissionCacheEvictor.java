package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.events.ReceivedEvent;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import tools.jackson.databind.json.JsonMapper;

/** Evicts cached access answers when an event says an organization's memberships, roles or status changed. */
class PermissionCacheEvictor {

    private final PermissionCache cache;
    private final JsonMapper jsonMapper;

    PermissionCacheEvictor(PermissionCache cache, JsonMapper jsonMapper) {
        this.cache = cache;
        this.jsonMapper = jsonMapper;
    }

    @RabbitListener(queues = "${platform.permissions.cache-queue}")
    void on(Message message) {
        String organizationId = ReceivedEvent.parse(message, jsonMapper).attribute("orgid");
        if (organizationId != null) {
            cache.evict(UUID.fromString(organizationId));
        }
    }
}
