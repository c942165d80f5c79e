import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Map;

/**
 * Binds a queue to every routing key of an events exchange, as audit-service's queue is in a deployment, so that the
 * services' outbox relays find every event routed. The queue keeps only its newest few thousand messages: the bench
 * measures the service that publishes, not a consumer.
 *
 * <p>{@code java -cp <amqp-client, its netty and slf4j-api jars> bench/EventsSink.java HOST PORT EXCHANGE QUEUE}
 */
public class EventsSink {

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[0]);
        factory.setPort(Integer.parseInt(args[1]));
        try (Connection connection = factory.newConnection("bench-events-sink");
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclarePassive(args[2]);
            channel.queueDeclare(args[3], false, false, false, Map.of("x-max-length", 5000, "x-overflow", "drop-head"));
            channel.queueBind(args[3], args[2], "#");
        }
    }
}
