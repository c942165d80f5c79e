package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.infra.BrokerControl;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-loss acceptance test: 10,000 audited actions (organization updates through the gateway) while RabbitMQ is
 * restarted twice and audit-service is killed (SIGKILL) and started again. Every action is stored exactly once, and
 * the organization's chain verifies.
 */
class AuditZeroLossIT {

    private static final Logger log = LoggerFactory.getLogger(AuditZeroLossIT.class);
    private static final int ACTIONS = 10_000;
    private static final int WORKERS = 8;

    @Test
    void everyAuditedActionIsStoredExactlyOnceThroughBrokerRestartsAndAnAuditServiceCrash() throws Exception {
        Suite suite = Suite.get();
        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        TestUser user = keycloak.createUser();
        // The run outlasts an access token: a fresh one every minute.
        AtomicReference<ApiClient> client = new AtomicReference<>(
                ApiClient.at(suite.gatewayUrl()).withToken(keycloak.login(user).accessToken()));
        Thread refresher = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(Duration.ofMinutes(1));
                    client.set(ApiClient.at(suite.gatewayUrl())
                            .withToken(keycloak.login(user).accessToken()));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("Could not refresh the token; keeping the current one", e);
                }
            }
        });
        ApiClient owner = client.get();
        ApiResult created = owner.post("/api/v1/organizations", Map.of("name", "Zero Loss Inc"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String orgId = created.data().path("id").asString();
        String run = "zl-" + UUID.randomUUID().toString().substring(0, 8) + "-";

        AtomicInteger next = new AtomicInteger();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        Instant started = Instant.now();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                for (int n = next.getAndIncrement(); n < ACTIONS; n = next.getAndIncrement()) {
                    String requestId = run + n;
                    try {
                        ApiResult result = client.get()
                                .withHeader("X-Request-Id", requestId)
                                .patch("/api/v1/organizations/" + orgId, Map.of("name", "Zero Loss " + n));
                        if (result.status() == 200) {
                            answered.add(requestId);
                        } else {
                            unexpected.add(requestId + " → " + result.status() + " " + result.raw());
                        }
                    } catch (RuntimeException e) {
                        unexpected.add(requestId + " → " + e);
                    }
                }
            }));
        }

        awaitAnswered(answered, 1_500);
        restartBroker(answered);

        awaitAnswered(answered, 4_000);
        suite.kill("audit-service");
        int atKill = answered.size();
        awaitAnswered(answered, Math.min(ACTIONS, atKill + 1_000));
        suite.up();

        awaitAnswered(answered, 7_000);
        restartBroker(answered);

        for (Thread worker : workers) {
            worker.join();
        }
        refresher.interrupt();
        log.info(
                "{} actions answered in {} s",
                answered.size(),
                Duration.between(started, Instant.now()).toSeconds());
        assertThat(unexpected).isEmpty();
        assertThat(answered).hasSize(ACTIONS);

        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> counts(orgId, run)[0] >= ACTIONS);
        // Redeliveries still under way would show up as a surplus: wait until the count holds still.
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(30))
                .until(() -> counts(orgId, run)[0] == ACTIONS);

        long[] counts = counts(orgId, run);
        log.info(
                "Zero-loss e2e: {} actions, {} stored, {} distinct events, {} distinct request ids",
                ACTIONS,
                counts[0],
                counts[1],
                counts[2]);
        assertThat(counts[0]).as("stored").isEqualTo(ACTIONS);
        assertThat(counts[1]).as("distinct events").isEqualTo(ACTIONS);
        assertThat(counts[2]).as("distinct actions").isEqualTo(ACTIONS);
        ApiResult verify = client.get().get("/api/v1/organizations/" + orgId + "/audit-logs/verify");
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.data().path("valid").asBoolean())
                .as(verify.toString())
                .isTrue();
        assertThat(verify.data().path("checked").asLong()).isGreaterThanOrEqualTo(ACTIONS);
    }

    private static void restartBroker(Set<String> answered) {
        int before = answered.size();
        BrokerControl.stop();
        try {
            // Actions go on while the broker is away: their events wait in user-org-service's outbox.
            awaitAnswered(answered, Math.min(ACTIONS, before + 300));
        } finally {
            BrokerControl.start();
        }
    }

    private static void awaitAnswered(Set<String> answered, int count) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> answered.size() >= count);
    }

    /** Stored records of the run's actions: rows, distinct event ids, distinct request ids. */
    private static long[] counts(String orgId, String run) throws SQLException {
        try (Connection db = TestInfrastructure.get().adminConnection();
                PreparedStatement query = db.prepareStatement("""
                        select count(*), count(distinct event_id), count(distinct request_id) from audit.audit_log
                        where organization_id = ?::uuid and action = 'org.update' and request_id like ?""")) {
            query.setString(1, orgId);
            query.setString(2, run + "%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }
}
