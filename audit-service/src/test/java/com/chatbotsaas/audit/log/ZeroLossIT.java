package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.events.EventPublisher;
import com.chatbotsaas.platform.events.PlatformEvent;
import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.infra.BrokerControl;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The zero-loss acceptance test, in the service: 10,000 audited actions leave through the real outbox and relay (publisher
 * confirms) while RabbitMQ is restarted twice and the audit consumer is killed once — its connection cut with
 * batches unacknowledged, then its listener stopped and started again. Every action is stored exactly once and the
 * organization's chain still verifies.
 */
class ZeroLossIT extends AuditIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ZeroLossIT.class);
    private static final int ACTIONS = 10_000;
    private static final int PER_TRANSACTION = 10;

    @Autowired
    EventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    CachingConnectionFactory connections;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    RabbitAdmin admin;

    @BeforeAll
    static void faultsInOtherThreadsAreExpected() {
        // The client's own threads report the broker going away; that is the point of the test, not a failure.
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @AfterAll
    static void restoreAwaitility() {
        Awaitility.reset();
    }

    @Test
    void storesEveryActionExactlyOnceThroughTwoBrokerRestartsAndAConsumerKill() {
        String orgId = UUID.randomUUID().toString();
        AtomicInteger produced = new AtomicInteger();
        Instant started = Instant.now();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < ACTIONS / PER_TRANSACTION; i++) {
                int batch = i;
                transactions.executeWithoutResult(tx -> {
                    for (int j = 0; j < PER_TRANSACTION; j++) {
                        publisher.publish(action(orgId, batch * PER_TRANSACTION + j));
                    }
                });
                produced.addAndGet(PER_TRANSACTION);
                // Actions arrive over about forty seconds, so the faults fall in the middle of the traffic.
                LockSupport.parkNanos(Duration.ofMillis(40).toNanos());
            }
        });

        awaitStoredAtLeast(orgId, 1_000);
        restartBroker(produced);

        awaitStoredAtLeast(orgId, 3_000);
        // The consumer dies: its connection is cut with batches in flight, then it stays away for a while.
        connections.resetConnection();
        listeners.stop();
        int whileAway = produced.get();
        await().atMost(Duration.ofMinutes(2)).until(() -> produced.get() >= Math.min(ACTIONS, whileAway + 1_000));
        listeners.start();

        awaitStoredAtLeast(orgId, 6_000);
        restartBroker(produced);

        producer.join();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> storedOf(orgId) >= ACTIONS);
        // Anything still in flight (outbox, queue) would show up as a surplus: let it all arrive first.
        await().atMost(Duration.ofMinutes(1))
                .until(() -> TestInfrastructure.get().queryForLong("select count(*) from audit.outbox_event") == 0
                        && queueDepth() == 0);

        long stored = storedOf(orgId);
        long distinct = TestInfrastructure.get()
                .queryForLong(
                        "select count(distinct event_id) from audit.audit_log where organization_id = ?::uuid", orgId);
        log.info(
                "Zero-loss: {} actions, {} stored, {} distinct, in {} s",
                ACTIONS,
                stored,
                distinct,
                Duration.between(started, Instant.now()).toSeconds());
        assertThat(stored).isEqualTo(ACTIONS);
        assertThat(distinct).isEqualTo(ACTIONS);
        ChainVerifier.Verification verification = verifier.verify(UUID.fromString(orgId), null, null);
        assertThat(verification.valid()).isTrue();
        assertThat(verification.checked()).isEqualTo(ACTIONS);
    }

    private long queueDepth() {
        QueueInformation queue = admin.getQueueInfo(PlatformTestEnvironment.QUEUE_PREFIX + "audit-service.events");
        return queue == null ? -1 : queue.getMessageCount();
    }

    private static void restartBroker(AtomicInteger produced) {
        int before = produced.get();
        BrokerControl.stop();
        try {
            // Actions keep coming while the broker is away: they wait in the outbox.
            await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() >= Math.min(ACTIONS, before + 300));
        } finally {
            BrokerControl.start();
        }
    }

    private static void awaitStoredAtLeast(String orgId, long count) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> storedOf(orgId) >= count);
    }

    private static PlatformEvent action(String orgId, int n) {
        return PlatformEvent.of(
                "chatbot.update",
                "success",
                "/audit-service",
                Map.of(
                        "orgid",
                        orgId,
                        "actorid",
                        "zero-loss-actor",
                        "actortype",
                        "user",
                        "requestid",
                        "zero-loss-" + n,
                        "statuscode",
                        200),
                Map.of("resource_type", "chatbot", "resource_id", "bot-" + n));
    }
}
