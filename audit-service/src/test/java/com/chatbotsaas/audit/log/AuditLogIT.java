package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AuditLogIT extends AuditIntegrationTest {

    private String token;
    private String orgId;

    @BeforeEach
    void member() {
        token = keycloak.login(keycloak.createUser()).accessToken();
        orgId = UUID.randomUUID().toString();
        userOrg.failing(false);
        userOrg.unreachable(false);
    }

    @Test
    void storesEachEventOnceAndListsItNewestFirstWithFilters() {
        userOrg.grant(token, orgId, "custom", Set.of("audit.read"));
        Instant now = Instant.now();
        String first = publishOrgEvent("org.create", "first", UUID.randomUUID().toString(), now.minusSeconds(3));
        // A redelivery: the very same event again (concurrent consumers may get the two copies).
        publishOrgEvent("org.create", "first", first, now.minusSeconds(3));
        String second =
                publishOrgEvent("chatbot.create", "second", UUID.randomUUID().toString(), now.minusSeconds(2));
        String third =
                publishOrgEvent("chatbot.update", "third", UUID.randomUUID().toString(), now.minusSeconds(1));
        ApiClient api = ApiClient.at("http://localhost:" + port).withToken(token);
        String base = "/api/v1/organizations/" + orgId + "/audit-logs";

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(base).data().size() == 3);
        ApiResult all = api.get(base);
        assertThat(all.data().findValuesAsString("request_id")).containsExactly("third", "second", "first");
        assertThat(all.data().get(2).path("event_id").asString()).isEqualTo(first);
        assertThat(all.data().get(2).path("action").asString()).isEqualTo("org.create");
        assertThat(all.data().get(2).path("outcome").asString()).isEqualTo("success");
        assertThat(all.data().get(2).path("organization_id").asString()).isEqualTo(orgId);
        assertThat(all.data().get(2).path("status_code").asInt()).isEqualTo(201);

        assertThat(api.get(base + "?action=chatbot.*").data().findValuesAsString("event_id"))
                .containsExactly(third, second);
        assertThat(api.get(base + "?request_id=second").data().findValuesAsString("event_id"))
                .containsExactly(second);

        ApiResult page1 = api.get(base + "?per_page=2");
        assertThat(page1.data()).hasSize(2);
        String cursor = page1.body().path("meta").path("next_cursor").asString();
        ApiResult page2 = api.get(base + "?per_page=2&cursor=" + cursor);
        assertThat(page2.data().findValuesAsString("event_id")).containsExactly(first);
        assertThat(page2.body().path("meta").path("next_cursor").isNull()).isTrue();

        String recordId = page2.data().get(0).path("id").asString();
        assertThat(api.get(base + "/" + recordId).data().path("event_id").asString())
                .isEqualTo(first);
    }

    @Test
    void deniesNonMembersWith404AndMembersWithoutPermissionWith403() {
        ApiClient api = ApiClient.at("http://localhost:" + port).withToken(token);
        String base = "/api/v1/organizations/" + orgId + "/audit-logs";

        ApiResult stranger = api.get(base);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.body().path("error_code").asString()).isEqualTo("NOT_FOUND");

        userOrg.grant(token, orgId, "custom", Set.of("chatbots.read"));
        ApiResult member = api.get(base);
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.body().path("error_code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void deniesAccessWith503WhenPermissionsCannotBeHad() {
        userOrg.grant(token, orgId, "custom", Set.of("audit.read"));
        userOrg.failing(true);

        ApiResult result = ApiClient.at("http://localhost:" + port)
                .withToken(token)
                .get("/api/v1/organizations/" + orgId + "/audit-logs");

        assertThat(result.status()).isEqualTo(503);
        assertThat(result.body().path("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(result.raw()).doesNotContain("Exception");
    }

    @Test
    void deniesAccessWith503WhenUserOrgServiceDoesNotAnswerAtAll() {
        userOrg.grant(token, orgId, "custom", Set.of("audit.read"));
        userOrg.unreachable(true);

        ApiResult result = ApiClient.at("http://localhost:" + port)
                .withToken(token)
                .get("/api/v1/organizations/" + orgId + "/audit-logs");

        assertThat(result.status()).isEqualTo(503);
        assertThat(result.body().path("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void poisonMessagesAreDeadLetteredWithoutBlockingTheQueue() {
        String marker = "poison-" + UUID.randomUUID();
        EventProbe.publish("org.create.success", "{not json " + marker);
        userOrg.grant(token, orgId, "custom", Set.of("audit.read"));
        String after = publishOrgEvent("org.update", "after-poison");

        String queue = PlatformTestEnvironment.QUEUE_PREFIX + "audit-service.events.dlq";
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(queue, marker));
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(after));
    }

    @Test
    void eventsTheSchemaCannotHoldAreDeadLetteredAtOnceAndCounted() {
        String marker = "overlong-" + UUID.randomUUID();
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
        event.put("id", marker);
        event.put("orgid", orgId);
        event.put("requestid", marker + "x".repeat(100));
        EventProbe.publish("org.create.success", JSON.writeValueAsString(event));

        String queue = PlatformTestEnvironment.QUEUE_PREFIX + "audit-service.events.dlq";
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(queue, marker));
        assertThat(stored(marker)).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetteredCount() > 0);
    }

    @Test
    void aMessageThatAlwaysFailsIsDeadLetteredAfterItsAttemptsAndTheNextOneIsStored() {
        double before = deadLetteredCount("failed");
        String marker = "unstorable-" + UUID.randomUUID();
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
        event.put("id", marker);
        event.put("orgid", orgId);
        // A well-formed CloudEvent that fails every time it is stored, and not because the database refuses it.
        event.put("time", "+999999999-01-01T00:00:00Z");
        EventProbe.publish("org.create.success", JSON.writeValueAsString(event));
        String after = publishOrgEvent("org.update", "after-unstorable");

        String queue = PlatformTestEnvironment.QUEUE_PREFIX + "audit-service.events.dlq";
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(queue, marker));
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(after));
        assertThat(stored(marker)).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetteredCount("failed") > before);
    }

    @Test
    void anUnreadableTimeIsDeadLetteredAndCountedInsteadOfBecomingTheReceiptTime() {
        double before = malformedCount("time");
        String marker = "untimely-" + UUID.randomUUID();
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
        event.put("id", marker);
        event.put("orgid", orgId);
        event.put("time", "yesterday at noon");
        EventProbe.publish("org.create.success", JSON.writeValueAsString(event));

        String queue = PlatformTestEnvironment.QUEUE_PREFIX + "audit-service.events.dlq";
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(queue, marker));
        assertThat(stored(marker)).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> malformedCount("time") > before);
    }

    @Test
    void aMalformedOrganizationIdIsDeadLetteredAndCountedInsteadOfFilingTheEventUnderNoOrganization() {
        double before = malformedCount("orgid");
        String marker = "orphaned-" + UUID.randomUUID();
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
        event.put("id", marker);
        event.put("orgid", "acme-inc");
        EventProbe.publish("org.create.success", JSON.writeValueAsString(event));

        String queue = PlatformTestEnvironment.QUEUE_PREFIX + "audit-service.events.dlq";
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(queue, marker));
        assertThat(stored(marker)).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> malformedCount("orgid") > before);
    }

    /** Events refused for one unreadable field, as Prometheus exposes the count. */
    private double malformedCount(String field) {
        return metric("audit_events_malformed_total{", "field=\"" + field + "\"");
    }

    /** The dead-letter counter as Prometheus exposes it. */
    private double deadLetteredCount() {
        return deadLetteredCount("malformed");
    }

    private double deadLetteredCount(String reason) {
        return metric("audit_events_dead_lettered_total{", "reason=\"" + reason + "\"");
    }

    private double metric(String prefix, String label) {
        String metrics = ApiClient.at("http://localhost:" + port)
                .withHeader("Accept", "text/plain")
                .get("/actuator/prometheus")
                .raw();
        return metrics.lines()
                .filter(line -> line.startsWith(prefix) && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private String publishOrgEvent(String action, String requestId) {
        return publishOrgEvent(action, requestId, UUID.randomUUID().toString(), Instant.now());
    }

    private String publishOrgEvent(String action, String requestId, String eventId, Instant time) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
        event.put("id", eventId);
        event.put("type", "com.chatbotsaas." + action);
        event.put("orgid", orgId);
        event.put("requestid", requestId);
        event.put("time", time.toString());
        ((ObjectNode) event.get("data")).put("resource_id", orgId);
        EventProbe.publish(action + ".success", JSON.writeValueAsString(event));
        return eventId;
    }

    private static boolean deadLettered(String queue, String marker) {
        return EventProbe.takeFrom(queue, marker);
    }

    private static boolean stored(String eventId) {
        return TestInfrastructure.get().queryForLong("select count(*) from audit.audit_log where event_id = ?", eventId)
                == 1;
    }
}
