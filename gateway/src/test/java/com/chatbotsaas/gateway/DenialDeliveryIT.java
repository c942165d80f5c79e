package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.events.EventProbe.Received;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Denials on the platform's guarantee: at least once, through a Redis stream, whatever the broker or Redis do. A
 * gateway of its own, on an exchange of its own (so that nothing else reads or writes its stream), with Redis behind a
 * proxy the test can freeze and a short claim timeout.
 */
@PlatformIntegrationTest
class DenialDeliveryIT {

    private static final String EXCHANGE = "test.denials." + UUID.randomUUID();
    private static final String STREAM = "gateway:denials:" + EXCHANGE;
    private static final Duration CLAIM_IDLE = Duration.ofSeconds(2);
    private static final EchoUpstream services = new EchoUpstream();
    private static final FreezableProxy redisProxy = new FreezableProxy(
            TestInfrastructure.get().redis().host(),
            TestInfrastructure.get().redis().port());

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redisConnection;
    private static RedisCommands<String, String> redis;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    @Qualifier("revocationQueue")
    Declarables revocationDeclarations;

    @DynamicPropertySource
    static void ownExchangeAndRedisBehindAProxy(DynamicPropertyRegistry registry) {
        // The properties themselves: the platform test environment's EVENTS_EXCHANGE and REDIS_PORT outrank these.
        registry.add("gateway.denials.exchange", () -> EXCHANGE);
        registry.add("gateway.redis.host", () -> "127.0.0.1");
        registry.add("gateway.redis.port", redisProxy::port);
        registry.add("AUTH_SERVICE_URL", services::url);
        registry.add("USER_ORG_SERVICE_URL", services::url);
        registry.add("CHATBOT_SERVICE_URL", services::url);
        registry.add("AUDIT_SERVICE_URL", services::url);
        registry.add("NOTIFICATION_SERVICE_URL", services::url);
        // Not a second consumer of the shared revocation queue, writing through a proxy this test freezes and closes.
        registry.add("gateway.revocation.enabled", () -> "false");
        // Every denial of these tests is sampled.
        registry.add("GATEWAY_DENIAL_EVENTS_BURST", () -> 1000);
        registry.add("GATEWAY_DENIAL_EVENTS_PER_SECOND", () -> 1000);
        registry.add("GATEWAY_DENIAL_CLAIM_IDLE", CLAIM_IDLE::toString);
        registry.add("gateway.denials.poll-interval", () -> "200ms");
        registry.add("gateway.denials.retry-backoff", () -> "100ms");
        registry.add("gateway.denials.max-retry-backoff", () -> "500ms");
    }

    @BeforeAll
    static void connectToRedis() {
        TestInfrastructure.Endpoint endpoint = TestInfrastructure.get().redis();
        redisClient = RedisClient.create(RedisURI.create(endpoint.host(), endpoint.port()));
        redisConnection = redisClient.connect();
        redis = redisConnection.sync();
    }

    @AfterEach
    void thaw() {
        redisProxy.thaw();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.del(STREAM);
        redisConnection.close();
        redisClient.shutdown();
        try (Connection connection = EventProbe.connectionFactory().newConnection("denial-delivery-cleanup")) {
            Channel channel = connection.createChannel();
            channel.exchangeDelete(EXCHANGE);
        }
        redisProxy.close();
        services.close();
    }

    /** The switch is read at start, not a bean condition (which the build's generated context code would fix). */
    @Test
    void revocationTurnedOffDeclaresNothingAndLeavesItsListenerStopped() {
        assertThat(revocationDeclarations.getDeclarables()).isEmpty();
        var listener = listeners.getListenerContainer("gateway-revocations");
        assertThat(listener).isNotNull();
        assertThat(listener.isRunning()).isFalse();
    }

    @Test
    void aDenialReachesTheBrokerExactlyOnceAndLeavesNothingInTheStream() {
        try (EventProbe probe = EventProbe.listenOn(EXCHANGE, "gateway.request.deny.*")) {
            double storedBefore = denials("stored");
            String requestId = "delivery-" + UUID.randomUUID();

            assertThat(deny(requestId)).isEqualTo(401);

            Received event = probe.await(withRequestId(requestId), Duration.ofSeconds(15));
            assertThat(EventContracts.violations(event.json())).isEmpty();
            assertThat(denials("stored") - storedBefore).isEqualTo(1);
            awaitStreamSettled();
            assertThat(probe.all(withRequestId(requestId))).hasSize(1);
        }
    }

    @Test
    void aDenialTheBrokerDoesNotConfirmStaysInTheStreamUntilItCan() {
        double unconfirmedBefore = denials("unconfirmed");
        String requestId = "unroutable-" + UUID.randomUUID();

        // No queue is bound to the exchange yet: published mandatory, the broker returns it as unroutable.
        assertThat(deny(requestId)).isEqualTo(401);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> denials("unconfirmed") - unconfirmedBefore >= 2 && streamHolds(requestId));
        try (EventProbe probe = EventProbe.listenOn(EXCHANGE, "gateway.request.deny.*")) {
            Received event = probe.await(withRequestId(requestId), Duration.ofSeconds(15));
            assertThat(EventContracts.violations(event.json())).isEmpty();
            awaitStreamSettled();
            assertThat(probe.all(withRequestId(requestId))).hasSize(1);
        }
    }

    @Test
    void anEntryADeadRelayReadButNeverSettledIsTakenOverAfterTheClaimTimeout() {
        try (EventProbe probe = EventProbe.listenOn(EXCHANGE, "gateway.request.deny.*")) {
            String requestId = "abandoned-" + UUID.randomUUID();
            String eventId = UUID.randomUUID().toString();

            // Appended and read by a relay that then dies, in one step so that the gateway's relay cannot read it
            // first.
            Instant abandonedAt = Instant.now();
            Long read = redis.eval(
                    """
                    pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], 'relay', '0', 'MKSTREAM')
                    redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'event', ARGV[2])
                    local read = redis.call('XREADGROUP', 'GROUP', 'relay', 'dead-relay', 'COUNT', 100, 'STREAMS', KEYS[1], '>')
                    return #read[1][2]""", ScriptOutputType.INTEGER, new String[] {STREAM}, eventId, denialEvent(eventId, requestId));
            assertThat(read).isEqualTo(1);

            Received event = probe.await(withRequestId(requestId), Duration.ofSeconds(20));
            assertThat(Duration.between(abandonedAt, Instant.now()))
                    .as("taken over only once idle for the claim timeout")
                    .isGreaterThanOrEqualTo(CLAIM_IDLE.minusMillis(100));
            assertThat(event.event().path("id").asString()).isEqualTo(eventId);
            awaitStreamSettled();
            assertThat(probe.all(withRequestId(requestId))).hasSize(1);
        }
    }

    @Test
    void whileRedisHangsADenialIsRelayedFromMemoryAndAnyLateCopyHasTheSameId() {
        try (EventProbe probe = EventProbe.listenOn(EXCHANGE, "gateway.request.deny.*")) {
            double inMemoryBefore = denials("in_memory");
            String requestId = "no-redis-" + UUID.randomUUID();

            redisProxy.freeze();
            long started = System.nanoTime();
            assertThat(deny(requestId)).isEqualTo(401);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the request does not wait for Redis")
                    .isLessThan(Duration.ofSeconds(1));

            Received event = probe.await(withRequestId(requestId), Duration.ofSeconds(15));
            assertThat(EventContracts.violations(event.json())).isEmpty();
            assertThat(denials("in_memory") - inMemoryBefore).isEqualTo(1);

            // The append that timed out reaches Redis once it answers again and is relayed too: a second copy of the
            // same event, which audit-service stores once (by id).
            redisProxy.thaw();
            awaitStreamSettled();
            assertThat(probe.all(withRequestId(requestId)))
                    .extracting(copy -> copy.event().path("id").asString())
                    .containsOnly(event.event().path("id").asString());
        }
    }

    private int deny(String requestId) {
        return ApiClient.at("http://127.0.0.1:" + port)
                .withHeader("X-Request-Id", requestId)
                .get("/api/v1/organizations")
                .status();
    }

    private static Predicate<Received> withRequestId(String requestId) {
        return received -> requestId.equals(received.event().path("requestid").asString());
    }

    private static boolean streamHolds(String requestId) {
        return redis.xrange(STREAM, Range.create("-", "+")).stream()
                .anyMatch(entry -> entry.getBody().getOrDefault("event", "").contains(requestId));
    }

    /** Nothing left to send: every entry settled (acknowledged and deleted). */
    private static void awaitStreamSettled() {
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.xlen(STREAM) == 0);
    }

    private double denials(String outcome) {
        var counter = meters.find("gateway.denials").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String denialEvent(String id, String requestId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/gateway","type":"com.chatbotsaas.gateway.request.deny",\
                "time":"%s","datacontenttype":"application/json","actortype":"anonymous","requestid":"%s",\
                "clientip":"198.51.100.7","outcome":"failure","statuscode":401,"errorcode":"UNAUTHENTICATED",\
                "data":{"resource_type":"route","resource_id":null,"reason":"missing_token","method":"GET",\
                "path":"/api/v1/organizations","suppressed":0}}""".formatted(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), requestId);
    }
}
