package com.chatbotsaas.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay against the real database and broker: an event that the broker did not take stays in the outbox, is
 * retried after its back-off, and leaves once the broker takes it.
 */
class OutboxRelayIT {

    private static final String SCHEMA = "platform_starter_relay";
    private static final String EXCHANGE = "test.starter-relay." + UUID.randomUUID();

    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;
    private static CachingConnectionFactory broker;
    private static RabbitAdmin admin;

    @BeforeAll
    static void prepare() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                infrastructure.jdbcUrl(TestInfrastructure.DATABASE) + "?currentSchema=" + SCHEMA, "postgres", "");
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/platform")
                .table("platform_schema_history")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        broker = connections(infrastructure.rabbit().port());
        admin = new RabbitAdmin(broker);
        admin.declareExchange(new TopicExchange(EXCHANGE, false, false));
    }

    @AfterAll
    static void cleanUp() {
        admin.deleteExchange(EXCHANGE);
        broker.destroy();
    }

    @Test
    void anEventTheBrokerCouldNotTakeIsRetriedAfterItsBackOffAndThenLeaves() throws Exception {
        String queue = admin.declareQueue(new Queue(EXCHANGE + ".q", false, false, true));
        admin.declareBinding(new Binding(queue, Binding.DestinationType.QUEUE, EXCHANGE, "relay.#", null));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CachingConnectionFactory flaky = connections(closedPort);
        OutboxRelay relay = relay(flaky);
        UUID id = insertEvent("relay.test");

        assertThat(relay.relayBatch()).isZero();
        Map<String, Object> failed = row(id);
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat((String) failed.get("last_error")).isNotBlank();
        assertThat((Boolean) failed.get("waiting"))
                .as("not due again before its back-off")
                .isTrue();

        // The broker is back.
        flaky.setPort(TestInfrastructure.get().rabbit().port());
        flaky.resetConnection();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.relayBatch() == 1);

        assertThat(jdbc.sql("select count(*) from outbox_event where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        Message received = new RabbitTemplate(broker).receive(queue, 5_000);
        assertThat(received).isNotNull();
        assertThat(received.getMessageProperties().getMessageId()).isEqualTo(id.toString());
        flaky.destroy();
        admin.deleteQueue(queue);
    }

    @Test
    void anUnroutableEventStaysUntilAQueueIsBound() {
        OutboxRelay relay = relay(broker);
        UUID id = insertEvent("unbound.test");

        assertThat(relay.relayBatch()).isZero();
        assertThat((String) row(id).get("last_error")).startsWith("unroutable");

        String queue = admin.declareQueue(new Queue(EXCHANGE + ".unbound", false, false, true));
        admin.declareBinding(new Binding(queue, Binding.DestinationType.QUEUE, EXCHANGE, "unbound.#", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.relayBatch() == 1);

        Message received = new RabbitTemplate(broker).receive(queue, 5_000);
        assertThat(received).isNotNull();
        assertThat(received.getMessageProperties().getMessageId()).isEqualTo(id.toString());
        admin.deleteQueue(queue);
    }

    @Test
    void aBacklogIsReadInIndexOrderSoThatAPassCostsABatchNotTheBacklog() {
        // 20,000 due rows, as a broker away for a few minutes leaves them; the statistics see them.
        jdbc.sql("""
                        insert into outbox_event (id, routing_key, payload, created_at, available_at)
                        select gen_random_uuid(), 'backlog.test', '{}'::jsonb, now() - n * interval '1 ms',
                            now() - interval '1 hour' + n * interval '1 ms'
                        from generate_series(1, 20000) n""").update();
        try {
            jdbc.sql("analyze outbox_event").update();
            String plan = String.join(
                    "\n",
                    jdbc.sql("explain " + OutboxRelay.CLAIM.replace("limit ?", "limit 100"))
                            .query(String.class)
                            .list());

            assertThat(plan)
                    .contains("Index Scan using outbox_event_available_idx")
                    .doesNotContain("Sort");
        } finally {
            jdbc.sql("delete from outbox_event where routing_key = 'backlog.test'")
                    .update();
        }
    }

    @Test
    void theGaugesShowHowManyEventsWaitAndHowLongTheOldestHas() {
        jdbc.sql("delete from outbox_event").update();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = relay(broker, meters);
        UUID stuck = insertEvent("nobody.binds.this");
        jdbc.sql("update outbox_event set created_at = now() - interval '10 minutes' where id = ?")
                .param(stuck)
                .update();
        insertEvent("nobody.binds.this.either");

        relay.readBacklog();

        assertThat(meters.get("platform.outbox.pending").gauge().value()).isEqualTo(2);
        assertThat(meters.get("platform.outbox.oldest.age").gauge().value()).isBetween(600.0, 660.0);
        assertThat(meters.get("platform.outbox.oldest.age").gauge().getId().getBaseUnit())
                .isEqualTo("seconds");

        jdbc.sql("delete from outbox_event").update();
        relay.readBacklog();

        assertThat(meters.get("platform.outbox.pending").gauge().value()).isZero();
        assertThat(meters.get("platform.outbox.oldest.age").gauge().value()).isZero();
    }

    private static OutboxRelay relay(CachingConnectionFactory connections) {
        return relay(connections, new SimpleMeterRegistry());
    }

    private static OutboxRelay relay(CachingConnectionFactory connections, SimpleMeterRegistry meters) {
        RabbitTemplate rabbit = new RabbitTemplate(connections);
        rabbit.setMandatory(true);
        MessagingProperties properties = new MessagingProperties(
                EXCHANGE,
                "test.unused",
                new MessagingProperties.Outbox(
                        100, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1)),
                null);
        return new OutboxRelay(jdbc, transactions, rabbit, properties, meters);
    }

    private static UUID insertEvent(String routingKey) {
        // Only this test's events are due: others left behind by an earlier run wait far in the future.
        jdbc.sql("update outbox_event set available_at = now() + interval '1 day'")
                .update();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into outbox_event (id, routing_key, payload) values (?, ?, ?::jsonb)")
                .params(id, routingKey, "{\"id\":\"" + id + "\"}")
                .update();
        return id;
    }

    private static Map<String, Object> row(UUID id) {
        return jdbc.sql("select attempts, last_error, available_at > now() as waiting from outbox_event where id = ?")
                .param(id)
                .query()
                .singleRow();
    }

    private static CachingConnectionFactory connections(int port) {
        CachingConnectionFactory factory =
                new CachingConnectionFactory(TestInfrastructure.get().rabbit().host(), port);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        factory.setConnectionTimeout(2_000);
        return factory;
    }
}
