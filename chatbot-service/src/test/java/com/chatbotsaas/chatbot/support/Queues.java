package com.chatbotsaas.chatbot.support;

import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;

/** Looks into a test queue without disturbing the others. */
public final class Queues {

    private Queues() {}

    /** Whether the queue holds a message containing the marker; that message is taken, others are left. */
    public static boolean take(String queue, String marker) {
        TestInfrastructure.Endpoint rabbit = TestInfrastructure.get().rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        try (var connection = factory.newConnection();
                var channel = connection.createChannel()) {
            var message = channel.basicGet(queue, false);
            boolean found = false;
            while (message != null) {
                if (new String(message.getBody(), StandardCharsets.UTF_8).contains(marker)) {
                    channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                    found = true;
                    break;
                }
                message = channel.basicGet(queue, false);
            }
            return found;
        } catch (Exception e) {
            return false;
        }
    }
}
