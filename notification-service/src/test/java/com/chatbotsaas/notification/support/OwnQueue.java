package com.chatbotsaas.notification.support;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * This service's own test queue binds every successful event on the shared test exchange, so between two runs it
 * fills with other services' test events. Emptying it before the context starts keeps the tests' waits about their own
 * events. Only this service's queue is touched.
 */
final class OwnQueue {

    static final String NAME = PlatformTestEnvironment.QUEUE_PREFIX + "notification-service-it.events";

    private OwnQueue() {}

    static void purge() {
        TestInfrastructure.Endpoint rabbit = TestInfrastructure.get().rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setUsername(rabbit.user() == null ? "guest" : rabbit.user());
        factory.setPassword(rabbit.password() == null ? "guest" : rabbit.password());
        try (Connection connection = factory.newConnection("notification-test-purge")) {
            Channel channel = connection.createChannel();
            try {
                channel.queueDeclarePassive(NAME);
                channel.queuePurge(NAME);
            } catch (IOException e) {
                // The queue does not exist yet: nothing to empty.
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot reach the test broker", e);
        }
    }
}
