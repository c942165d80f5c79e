package com.chatbotsaas.notification.support;

import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/** This service's test dead-letter queue, read on the broker itself. */
public final class DeadLetters {

    private static final String QUEUE = OwnQueue.NAME + ".dlq";

    private DeadLetters() {}

    /**
     * Whether a dead-lettered message contains the marker; that one is taken off the queue, the others are left (they
     * go back when the connection closes).
     */
    public static boolean take(String marker) {
        TestInfrastructure.Endpoint rabbit = TestInfrastructure.get().rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setUsername(rabbit.user() == null ? "guest" : rabbit.user());
        factory.setPassword(rabbit.password() == null ? "guest" : rabbit.password());
        try (Connection connection = factory.newConnection("notification-test-dead-letters")) {
            Channel channel = connection.createChannel();
            for (GetResponse message = channel.basicGet(QUEUE, false);
                    message != null;
                    message = channel.basicGet(QUEUE, false)) {
                if (new String(message.getBody(), StandardCharsets.UTF_8).contains(marker)) {
                    channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                    return true;
                }
            }
            return false;
        } catch (IOException | TimeoutException e) {
            return false;
        }
    }
}
