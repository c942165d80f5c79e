package com.chatbotsaas.platform.events;

/**
 * Publishes events through the outbox: the event is written in the caller's transaction and relayed to the broker
 * after commit, so it is sent if and only if the change it describes is committed.
 */
public interface EventPublisher {

    void publish(PlatformEvent event);

    /**
     * Publishes a message on another exchange than the platform events exchange, through the same outbox: for messages
     * that carry what no other consumer may see, such as a one-time token for notification-service, which travel on
     * the notifications exchange that audit-service does not bind.
     */
    void publishTo(String exchange, PlatformEvent event);
}
