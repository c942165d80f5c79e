package com.chatbotsaas.notification.support;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.events.EventProbe;

/**
 * This service's own test queue binds every successful event on the shared test exchange, so between two runs it
 * fills with other services' test events. Emptying it before the context starts keeps the tests' waits about their own
 * events. Only this service's queue is touched.
 */
public final class OwnQueue {

    static final String NAME = PlatformTestEnvironment.QUEUE_PREFIX + "notification-service-it.events";

    private OwnQueue() {}

    static void purge() {
        EventProbe.purge(NAME);
    }

    /**
     * Whether the queue's dead letters hold a message containing the marker; that one is taken off the queue, the
     * others stay.
     */
    public static boolean deadLettered(String marker) {
        return EventProbe.takeFrom(NAME + ".dlq", marker);
    }
}
