package com.chatbotsaas.platform.core.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.core.amqp.ConfirmedPublisher.Outgoing;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Against the real broker: what counts as sent is what the broker confirmed and routed. */
class ConfirmedPublisherIT {

    private static final String EXCHANGE = "test.confirmed-publisher." + UUID.randomUUID();
    private static CachingConnectionFactory connections;
    private static RabbitAdmin admin;
    private static RabbitTemplate rabbit;
    private static String queue;

    @BeforeAll
    static void connect() {
        connections = factory(TestInfrastructure.get().rabbit().port());
        admin = new RabbitAdmin(connections);
        rabbit = template(connections);
        TopicExchange exchange = new TopicExchange(EXCHANGE, false, false);
        admin.declareExchange(exchange);
        queue = EXCHANGE;
        admin.declareQueue(new Queue(queue, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(queue)).to(exchange).with("routed.#"));
    }

    @AfterAll
    static void disconnect() {
        admin.deleteQueue(queue);
        admin.deleteExchange(EXCHANGE);
        connections.destroy();
    }

    @Test
    void aRoutedMessageIsSentAndAnUnroutableOneIsNot() {
        ConfirmedPublisher publisher = new ConfirmedPublisher(rabbit, Duration.ofSeconds(5));
        String id = UUID.randomUUID().toString();

        List<String> outcomes = publisher.publish(List.of(
                new Outgoing(EXCHANGE, "routed.one", message(id)),
                new Outgoing(EXCHANGE, "nowhere", message(UUID.randomUUID().toString()))));

        assertThat(outcomes.get(0)).isNull();
        assertThat(outcomes.get(1)).startsWith("unroutable");
        Message received = rabbit.receive(queue, 5_000);
        assertThat(received).isNotNull();
        assertThat(received.getMessageProperties().getMessageId()).isEqualTo(id);
    }

    @Test
    void eachMessageIsSentWithinItsContext() {
        ConfirmedPublisher publisher = new ConfirmedPublisher(rabbit, Duration.ofSeconds(5));
        AtomicInteger open = new AtomicInteger();
        List<Integer> openWhileSending = new ArrayList<>();
        ConfirmedPublisher.SendContext context = () -> {
            openWhileSending.add(open.incrementAndGet());
            return open::decrementAndGet;
        };

        publisher.publish(List.of(
                new Outgoing(EXCHANGE, "routed.a", message("a"), context),
                new Outgoing(EXCHANGE, "routed.b", message("b"), context)));

        assertThat(openWhileSending).containsExactly(1, 1);
        assertThat(open).hasValue(0);
        rabbit.receive(queue, 5_000);
        rabbit.receive(queue, 5_000);
    }

    @Test
    void anUnreachableBrokerFailsTheWholeBatchWithOneConnectAttempt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CachingConnectionFactory unreachable = factory(closedPort);
        try {
            ConfirmedPublisher publisher = new ConfirmedPublisher(template(unreachable), Duration.ofSeconds(5));
            AtomicInteger sends = new AtomicInteger();
            ConfirmedPublisher.SendContext counting = () -> {
                sends.incrementAndGet();
                return () -> {};
            };

            List<String> outcomes = publisher.publish(List.of(
                    new Outgoing(EXCHANGE, "routed.x", message("x"), counting),
                    new Outgoing(EXCHANGE, "routed.y", message("y"), counting),
                    new Outgoing(EXCHANGE, "routed.z", message("z"), counting)));

            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isNotNull());
            assertThat(sends).as("sends tried").hasValue(1);
        } finally {
            unreachable.destroy();
        }
    }

    private static CachingConnectionFactory factory(int port) {
        CachingConnectionFactory factory =
                new CachingConnectionFactory(TestInfrastructure.get().rabbit().host(), port);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        factory.setConnectionTimeout(2_000);
        return factory;
    }

    private static RabbitTemplate template(CachingConnectionFactory factory) {
        RabbitTemplate template = new RabbitTemplate(factory);
        template.setMandatory(true);
        return template;
    }

    private static Message message(String id) {
        return MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8))
                .setMessageId(id)
                .build();
    }
}
