package com.chatbotsaas.platform.events;

/**
 * Publishes events through the outbox: the event is written in the caller's transaction and relayed to the broker
 * after commit, so it is sent if and only if the change it describes is committed.
 */
public interface EventPublisher {

    void publish(PlatformEvent event);
}
