package com.chatbotsaas.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.events.EventsAutoConfiguration;
import com.chatbotsaas.platform.events.ReceivedEvent.MalformedEventException;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

/**
 * Listener retries as a service gets them from the starter's defaults, against the real broker: a failing handler is
 * retried five times and then dead-lettered; a malformed event is dead-lettered at once, without a retry.
 */
class ListenerRetryIT {

    private static final String NAME = "test.starter-retry." + UUID.randomUUID();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private static ConfigurableApplicationContext context;
    private static RabbitTemplate rabbit;

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (var connection = infrastructure.adminConnection();
                var statement = connection.createStatement()) {
            statement.execute("create schema if not exists platform_starter_test");
        }
        Map<String, Object> properties = new HashMap<>(Map.of(
                "DB_URL",
                infrastructure.jdbcUrl(TestInfrastructure.DATABASE) + "?currentSchema=platform_starter_test",
                "spring.datasource.username",
                "postgres",
                "spring.flyway.schemas",
                "platform_starter_test",
                "spring.flyway.create-schemas",
                "true",
                "RABBITMQ_HOST",
                infrastructure.rabbit().host(),
                "RABBITMQ_PORT",
                String.valueOf(infrastructure.rabbit().port()),
                "platform.messaging.exchange",
                NAME,
                "platform.messaging.consumer.queue",
                NAME,
                "platform.messaging.consumer.bindings",
                "retry.#",
                // Only the pace is the test's own; how often to retry comes from platform-defaults.yml.
                "spring.rabbitmq.listener.simple.retry.initial-interval",
                "10ms"));
        properties.put("spring.rabbitmq.listener.simple.retry.max-interval", "20ms");
        context = new SpringApplicationBuilder(Consumer.class)
                .web(WebApplicationType.NONE)
                // Above platform-defaults.yml, as a service's own configuration would be.
                .initializers(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("test", properties)))
                .run();
        rabbit = context.getBean(RabbitTemplate.class);
    }

    @AfterAll
    static void stop() {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        admin.deleteQueue(NAME);
        admin.deleteQueue(NAME + ".dlq");
        admin.deleteExchange(NAME);
        context.close();
    }

    @Test
    void aFailingHandlerIsRetriedFiveTimesThenDeadLettered() {
        String id = send("retry.fail");

        Message dead = awaitDeadLetter(id);

        assertThat(dead).isNotNull();
        assertThat(CALLS.get(id)).as("deliveries to the handler").hasValue(6);
    }

    @Test
    void aMalformedEventIsDeadLetteredWithoutARetry() {
        String id = send("retry.malformed");

        Message dead = awaitDeadLetter(id);

        assertThat(dead).isNotNull();
        assertThat(CALLS.get(id)).as("deliveries to the handler").hasValue(1);
    }

    private static String send(String routingKey) {
        String id = UUID.randomUUID().toString();
        rabbit.send(
                NAME,
                routingKey,
                MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8))
                        .setMessageId(id)
                        .build());
        return id;
    }

    private static Message awaitDeadLetter(String id) {
        Message[] found = new Message[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message message = rabbit.receive(NAME + ".dlq", 200);
            if (message != null && id.equals(message.getMessageProperties().getMessageId())) {
                found[0] = message;
            }
            return found[0] != null;
        });
        return found[0];
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({
        RabbitAutoConfiguration.class,
        DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        com.chatbotsaas.platform.data.SchemaAutoConfiguration.class,
        EventsAutoConfiguration.class,
        ConsumerAutoConfiguration.class
    })
    static class Consumer {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        FailingHandler failingHandler() {
            return new FailingHandler();
        }
    }

    static class FailingHandler {

        @RabbitListener(queues = "${platform.messaging.consumer.queue}")
        void on(Message message) {
            String id = message.getMessageProperties().getMessageId();
            CALLS.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            if (message.getMessageProperties().getReceivedRoutingKey().endsWith("malformed")) {
                throw new MalformedEventException("Not a CloudEvent");
            }
            throw new IllegalStateException("the handler failed");
        }
    }
}
