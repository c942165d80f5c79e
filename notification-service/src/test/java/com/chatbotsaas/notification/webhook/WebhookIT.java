package com.chatbotsaas.notification.webhook;

import static com.chatbotsaas.notification.support.Events.data;
import static com.chatbotsaas.notification.support.Events.event;
import static com.chatbotsaas.notification.support.Events.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.notification.support.NotificationIntegrationTest;
import com.chatbotsaas.notification.support.Receiver;
import com.chatbotsaas.notification.support.TestMail;
import com.chatbotsaas.platform.crypto.SecretBox;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class WebhookIT extends NotificationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    ApplicationContext context;

    private final Receiver receiver = new Receiver();
    private String token;
    private UUID org;
    private ApiClient api;

    @BeforeEach
    void organizationWithWebhookManager() {
        token = KEYCLOAK.login(KEYCLOAK.createUser()).accessToken();
        org = UUID.randomUUID();
        USER_ORG.grant(token, org.toString(), "admin", Set.of("webhooks.manage"));
        api = ApiClient.at("http://localhost:" + port).withToken(token);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        if (!dispatcher.isRunning()) {
            dispatcher.start();
        }
    }

    @Test
    void showsTheSecretOnceAndDeliversSubscribedEventsSignedPerStandardWebhooks() {
        try (EventProbe audit = EventProbe.listen("webhook.create.*")) {
            ApiResult created = api.post(base(), Map.of("url", receiver.url(), "event_types", List.of("chatbot.*")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.header("Location"))
                    .endsWith("/webhooks/" + created.data().path("id").asString());
            String secret = created.data().path("secret").asString();
            assertThat(secret).startsWith("whsec_");
            assertThat(created.data().path("active").asBoolean()).isTrue();
            String webhookId = created.data().path("id").asString();

            assertThat(api.get(base()).raw()).doesNotContain(secret).doesNotContain("\"secret\"");
            assertThat(api.get(base() + "/" + webhookId).raw()).doesNotContain(secret);
            EventProbe.Received auditEvent = audit.await(
                    e -> webhookId.equals(e.data().path("resource_id").asString()), WAIT);
            assertThat(EventContracts.violations(auditEvent.json())).isEmpty();
            assertThat(auditEvent.json()).doesNotContain(secret).doesNotContain("/hooks/chatbot");

            publish(orgEvent("org.update"));
            ObjectNode chatbot = orgEvent("chatbot.create");
            publish(chatbot);
            String eventId = chatbot.path("id").asString();

            await().atMost(WAIT).until(() -> receiver.requestsFor(eventId).size() == 1);
            Receiver.Request request = receiver.requestsFor(eventId).get(0);
            assertThat(StandardWebhooksVerifier.verify(
                            secret, request.id(), request.timestamp(), request.signature(), request.body()))
                    .isTrue();
            assertThat(StandardWebhooksVerifier.verify(
                            secret, request.id(), request.timestamp(), request.signature(), request.body() + " "))
                    .isFalse();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("id").asString()).isEqualTo(eventId);
            assertThat(body.path("type").asString()).isEqualTo("com.chatbotsaas.chatbot.create");
            assertThat(body.path("specversion").asString()).isEqualTo("1.0");
            assertThat(request.contentType()).startsWith("application/json");
            assertThat(receiver.requests()).hasSize(1);

            ApiResult deliveries = api.get(base() + "/" + webhookId + "/deliveries");
            assertThat(deliveries.data()).hasSize(1);
            assertThat(deliveries.data().get(0).path("event_id").asString()).isEqualTo(eventId);
            assertThat(deliveries.data().get(0).path("status").asString()).isEqualTo("succeeded");
            assertThat(deliveries.data().get(0).path("response_status").asInt()).isEqualTo(204);
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventOnceMoreAfterBackOffAndCanBeRedelivered() {
        receiver.failingFirst(3, 500);
        String webhookId = createWebhook(List.of("chatbot.create"));
        ObjectNode chatbot = orgEvent("chatbot.create");
        publish(chatbot);
        String eventId = chatbot.path("id").asString();

        await().atMost(WAIT)
                .until(() -> "succeeded"
                        .equals(onlyDelivery(webhookId).path("status").asString()));
        JsonNode delivery = api.get(base() + "/" + webhookId + "/deliveries/"
                        + onlyDelivery(webhookId).path("id").asString())
                .data();
        assertThat(delivery.path("attempts").asInt()).isEqualTo(4);
        List<JsonNode> log = delivery.path("attempt_log").valueStream().toList();
        assertThat(log).extracting(a -> a.path("status_code").asInt()).containsExactly(500, 500, 500, 200);
        assertThat(log)
                .allSatisfy(a -> assertThat(a.path("latency_ms").asLong()).isNotNegative());
        for (int i = 1; i < log.size(); i++) {
            Instant before = Instant.parse(log.get(i - 1).path("attempted_at").asString());
            Instant after = Instant.parse(log.get(i).path("attempted_at").asString());
            assertThat(Duration.between(before, after)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
        assertThat(receiver.requestsFor(eventId)).hasSize(4);
        assertThat(receiver.requests()).extracting(Receiver.Request::id).containsOnly(eventId);

        ApiResult redelivered = api.post(
                base() + "/" + webhookId + "/deliveries/" + delivery.path("id").asString() + "/redeliver", null);
        assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
        assertThat(redelivered.data().path("status").asString()).isEqualTo("pending");
        await().atMost(WAIT).until(() -> receiver.requestsFor(eventId).size() == 5);
        await().atMost(WAIT)
                .until(() -> onlyDelivery(webhookId).path("attempts").asInt() == 5);
        assertThat(onlyDelivery(webhookId).path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void aReceiverThatAlwaysFailsIsDisabledAndTheOwnersAreEmailed() {
        receiver.answering(503);
        UUID owner = UUID.randomUUID();
        String ownerEmail = "owner-" + owner + "@example.test";
        ObjectNode registered = event("auth.register.success");
        registered.put("actorid", owner.toString());
        data(registered)
                .put("resource_id", owner.toString())
                .put("email", ownerEmail)
                .put("name", "Olive Owner");
        publish(registered);
        ObjectNode created = event("org.create.success");
        created.put("orgid", org.toString());
        created.put("actorid", owner.toString());
        data(created).put("resource_id", org.toString()).put("name", "Failing Org");
        publish(created);
        await().atMost(WAIT).until(() -> TestMail.to(ownerEmail).size() == 1);
        String webhookId = createWebhook(List.of("chatbot.*"));

        try (EventProbe probe = EventProbe.listen("webhook.delivery.disable.*")) {
            // disable-after is 2 in the tests: two deliveries that fail every attempt.
            publish(orgEvent("chatbot.create"));
            publish(orgEvent("chatbot.update"));

            EventProbe.Received disabled = probe.await(
                    e -> org.toString().equals(e.event().path("orgid").asString()), WAIT);
            assertThat(EventContracts.violations(disabled.json())).isEmpty();
            assertThat(disabled.routingKey()).isEqualTo("webhook.delivery.disable.success");
            assertThat(disabled.data().path("resource_id").asString()).isEqualTo(webhookId);
            assertThat(disabled.data().path("consecutive_failures").asInt()).isEqualTo(2);
            assertThat(disabled.json()).doesNotContain("/hooks/chatbot");
            assertThat(disabled.event().path("actortype").asString()).isEqualTo("system");
        }
        JsonNode webhook = api.get(base() + "/" + webhookId).data();
        assertThat(webhook.path("active").asBoolean()).isFalse();
        assertThat(webhook.path("disabled_reason").asString()).isEqualTo("consecutive_failures");
        assertThat(receiver.requests()).hasSize(10);

        await().atMost(WAIT).until(() -> TestMail.to(ownerEmail).size() == 2);
        var mail = TestMail.to(ownerEmail).get(1);
        assertThat(subject(mail)).isEqualTo("Webhook disabled in Failing Org");
        assertThat(TestMail.body(mail))
                .contains(receiver.origin() + "/…")
                .doesNotContain("/hooks/chatbot")
                .contains("https://console.test/organizations/" + org + "/webhooks/" + webhookId);

        ApiResult redeliver = api.post(
                base() + "/" + webhookId + "/deliveries/"
                        + api.get(base() + "/" + webhookId + "/deliveries")
                                .data()
                                .get(0)
                                .path("id")
                                .asString()
                        + "/redeliver",
                null);
        assertThat(redeliver.status()).isEqualTo(409);
    }

    @Test
    void survivesARestartInTheMiddleOfItsRetrySchedule() {
        receiver.failingFirst(1, 500);
        String webhookId = createWebhook(List.of("chatbot.*"));
        ObjectNode chatbot = orgEvent("chatbot.create");
        publish(chatbot);
        String eventId = chatbot.path("id").asString();
        await().atMost(WAIT).until(() -> attempts(eventId) == 1);

        dispatcher.stop();
        assertThat(onlyDelivery(webhookId).path("status").asString()).isEqualTo("pending");
        dispatcher.start();

        await().atMost(WAIT)
                .until(() -> "succeeded"
                        .equals(onlyDelivery(webhookId).path("status").asString()));
        dispatcher.stop();
        dispatcher.start();
        // A later event goes through the restarted dispatcher; the first one is not sent again.
        ObjectNode later = orgEvent("chatbot.update");
        publish(later);
        await().atMost(WAIT)
                .until(() -> receiver.requestsFor(later.path("id").asString()).size() == 1);
        assertThat(receiver.requestsFor(eventId)).hasSize(2);
        assertThat(attempts(eventId)).isEqualTo(2);
    }

    @Test
    void twoDispatchersNeverSendTheSameDeliveryTwice() {
        String webhookId = createWebhook(List.of("chatbot.*"));
        WebhookDispatcher second = new WebhookDispatcher(
                context.getBean(JdbcClient.class),
                context.getBean(TransactionTemplate.class),
                context.getBean(SecretBox.class),
                context.getBean(WebhookClient.class),
                context.getBean(WebhookDisabler.class),
                context.getBean(NotificationProperties.class),
                new SimpleMeterRegistry());
        dispatcher.stop();
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ObjectNode event = orgEvent("chatbot.update");
            events.add(event.path("id").asString());
            publish(event);
        }
        await().atMost(WAIT)
                .until(() -> api.get(base() + "/" + webhookId + "/deliveries?status=pending&per_page=100")
                                .data()
                                .size()
                        == 30);
        second.start();
        dispatcher.start();
        try {
            await().atMost(WAIT)
                    .until(() -> receiver.requests().size() >= 30
                            && api.get(base() + "/" + webhookId + "/deliveries?status=succeeded&per_page=100")
                                            .data()
                                            .size()
                                    == 30);
        } finally {
            second.stop();
            second.destroy();
        }
        assertThat(receiver.requests()).hasSize(30);
        assertThat(receiver.requests()).extracting(Receiver.Request::id).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void anOrganizationsBacklogDoesNotDelayAnotherOrganizationsDeliveryBeyondOnePass() throws Exception {
        String busyHook = createWebhook(List.of("chatbot.*"));
        UUID quietOrg = UUID.randomUUID();
        USER_ORG.grant(token, quietOrg.toString(), "admin", Set.of("webhooks.manage"));
        ApiResult quiet = api.post(
                "/api/v1/organizations/" + quietOrg + "/webhooks",
                Map.of("url", receiver.url(), "event_types", List.of("chatbot.*")));
        assertThat(quiet.status()).as(quiet.toString()).isEqualTo(201);
        String quietHook = quiet.data().path("id").asString();
        int backlog = 40;
        String quietEvent = "quiet-" + UUID.randomUUID();

        dispatcher.stop();
        // The busy organization's deliveries are all older, so a first-come dispatcher would send them first.
        try (var connection = TestInfrastructure.get().adminConnection();
                var insert = connection.prepareStatement("""
                        insert into notification.webhook_delivery
                            (id, webhook_id, organization_id, event_id, event_type, payload, next_attempt_at)
                        select gen_random_uuid(), ?::uuid, ?::uuid, 'busy-' || gen_random_uuid(), 'chatbot.update',
                            '{}', now() - interval '1 minute' + n * interval '1 millisecond'
                        from generate_series(1, ?) n
                        union all
                        select gen_random_uuid(), ?::uuid, ?::uuid, ?, 'chatbot.update', '{}', now()""")) {
            insert.setString(1, busyHook);
            insert.setString(2, org.toString());
            insert.setInt(3, backlog);
            insert.setString(4, quietHook);
            insert.setString(5, quietOrg.toString());
            insert.setString(6, quietEvent);
            assertThat(insert.executeUpdate()).isEqualTo(backlog + 1);
        }
        dispatcher.start();

        await().atMost(WAIT).until(() -> receiver.requestsFor(quietEvent).size() == 1);
        List<String> arrivals =
                receiver.requests().stream().map(Receiver.Request::id).toList();
        int perPass = context.getBean(NotificationProperties.class).webhooks().perOrganizationBatch();
        assertThat(arrivals.indexOf(quietEvent))
                .as("busy deliveries sent before the quiet organization's one")
                .isLessThanOrEqualTo(perPass);
        await().atMost(WAIT).until(() -> receiver.requests().size() == backlog + 1);
    }

    @Test
    void anOrganizationHasAtMostTheConfiguredNumberOfWebhooks() {
        int limit = context.getBean(NotificationProperties.class).webhooks().maxPerOrganization();
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < limit; i++) {
            created.add(createWebhook(List.of("chatbot.*")));
        }

        ApiResult refused = api.post(base(), Map.of("url", receiver.url(), "event_types", List.of("chatbot.*")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("error_code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.body().path("errors").has("webhooks")).isTrue();
        assertThat(api.get(base()).data()).hasSize(limit);
        UUID otherOrg = UUID.randomUUID();
        USER_ORG.grant(token, otherOrg.toString(), "admin", Set.of("webhooks.manage"));
        assertThat(api.post(
                                "/api/v1/organizations/" + otherOrg + "/webhooks",
                                Map.of("url", receiver.url(), "event_types", List.of("chatbot.*")))
                        .status())
                .as("another organization")
                .isEqualTo(201);
        assertThat(api.delete(base() + "/" + created.get(0)).status()).isEqualTo(204);
        createWebhook(List.of("chatbot.*"));
    }

    @Test
    void refusesPrivateTargetsAtCreationAndRedirectsToThemAtDelivery() {
        for (String url : List.of(
                "http://[::1]:8080/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.5/hook",
                "http://172.16.3.4/hook",
                "http://192.168.0.10/hook",
                "http://0.0.0.0/hook")) {
            ApiResult refused = api.post(base(), Map.of("url", url, "event_types", List.of("*")));
            assertThat(refused.status()).as(url).isEqualTo(422);
            assertThat(refused.body().path("errors").has("url")).as(url).isTrue();
        }
        assertThat(api.get(base()).data()).isEmpty();

        receiver.redirectingTo("http://169.254.169.254/latest/meta-data/");
        String webhookId = createWebhook(List.of("chatbot.*"));
        ObjectNode chatbot = orgEvent("chatbot.create");
        publish(chatbot);
        await().atMost(WAIT).until(() -> attempts(chatbot.path("id").asString()) >= 1);
        JsonNode delivery = api.get(base() + "/" + webhookId + "/deliveries/"
                        + onlyDelivery(webhookId).path("id").asString())
                .data();
        JsonNode first = delivery.path("attempt_log").get(0);
        assertThat(first.path("error").asString()).startsWith("refused:");
        assertThat(first.path("status_code").isNull()
                        || first.path("status_code").isMissingNode())
                .isTrue();
        assertThat(delivery.path("status").asString()).isEqualTo("pending");
    }

    @Test
    void validatesInputAndKeepsOrganizationsApart() {
        try (EventProbe audit = EventProbe.listen("webhook.#")) {
            validatesInputAndKeepsOrganizationsApartAuditingEachChange(audit);
        }
    }

    private void validatesInputAndKeepsOrganizationsApartAuditingEachChange(EventProbe audit) {
        ApiResult badType = api.post(base(), Map.of("url", receiver.url(), "event_types", List.of("Chatbot create")));
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.body().path("errors").toString()).contains("event_types");
        ApiResult noTypes = api.post(base(), Map.of("url", receiver.url(), "event_types", List.of()));
        assertThat(noTypes.status()).isEqualTo(422);
        ApiResult badUrl = api.post(base(), Map.of("url", "not a url", "event_types", List.of("*")));
        assertThat(badUrl.status()).isEqualTo(422);

        String webhookId = createWebhook(List.of("member.*"));
        ApiResult patched = api.patch(
                base() + "/" + webhookId,
                Map.of("event_types", List.of("member.add", "chatbot.*"), "description", "CRM sync", "active", false));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.data().path("event_types").toString()).isEqualTo("[\"member.add\",\"chatbot.*\"]");
        assertThat(patched.data().path("active").asBoolean()).isFalse();
        ApiResult rotated = api.post(base() + "/" + webhookId + "/rotate-secret", null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.data().path("secret").asString()).startsWith("whsec_");

        String other = KEYCLOAK.login(KEYCLOAK.createUser()).accessToken();
        UUID otherOrg = UUID.randomUUID();
        USER_ORG.grant(other, otherOrg.toString(), "admin", Set.of("webhooks.manage"));
        ApiClient stranger = ApiClient.at("http://localhost:" + port).withToken(other);
        assertThat(stranger.get(base() + "/" + webhookId).status()).isEqualTo(404);
        String otherBase = "/api/v1/organizations/" + otherOrg + "/webhooks/" + webhookId;
        assertThat(stranger.get(otherBase).status()).isEqualTo(404);
        assertThat(stranger.patch(otherBase, Map.of("active", true)).status()).isEqualTo(404);
        assertThat(stranger.delete(otherBase).status()).isEqualTo(404);

        String viewer = KEYCLOAK.login(KEYCLOAK.createUser()).accessToken();
        USER_ORG.grant(viewer, org.toString(), "admin", Set.of("org.read"));
        assertThat(ApiClient.at("http://localhost:" + port)
                        .withToken(viewer)
                        .get(base())
                        .status())
                .isEqualTo(403);

        assertThat(api.delete(base() + "/" + webhookId).status()).isEqualTo(204);
        assertThat(api.get(base() + "/" + webhookId).status()).isEqualTo(404);

        EventProbe.Received deleted = audit.await(
                e -> e.routingKey().equals("webhook.delete.success")
                        && webhookId.equals(e.data().path("resource_id").asString()),
                WAIT);
        assertThat(deleted.event().path("orgid").asString()).isEqualTo(org.toString());
        List<EventProbe.Received> mine =
                audit.all(e -> org.toString().equals(e.event().path("orgid").asString()));
        assertThat(mine)
                .extracting(EventProbe.Received::routingKey)
                .contains(
                        "webhook.create.failure",
                        "webhook.create.success",
                        "webhook.update.success",
                        "webhook.delete.success");
        assertThat(mine)
                .allSatisfy(e -> assertThat(EventContracts.violations(e.json())).isEmpty());
        assertThat(mine.stream().filter(e -> e.routingKey().equals("webhook.update.success")))
                .anySatisfy(e ->
                        assertThat(e.data().path("changes").has("event_types")).isTrue())
                .anySatisfy(e ->
                        assertThat(e.data().path("secret_rotated").asBoolean()).isTrue());
        assertThat(mine).allSatisfy(e -> assertThat(e.json()).doesNotContain("whsec_"));
    }

    private String createWebhook(List<String> eventTypes) {
        ApiResult created = api.post(base(), Map.of("url", receiver.url(), "event_types", eventTypes));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asString();
    }

    private JsonNode onlyDelivery(String webhookId) {
        JsonNode deliveries = api.get(base() + "/" + webhookId + "/deliveries").data();
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private ObjectNode orgEvent(String action) {
        ObjectNode event = event("org.create.success");
        event.put("type", "com.chatbotsaas." + action);
        event.put("source", "/chatbot-service");
        event.put("orgid", org.toString());
        data(event).removeAll();
        data(event)
                .put(
                        "resource_type",
                        action.startsWith("org.") ? "organization" : action.substring(0, action.indexOf('.')))
                .put("resource_id", UUID.randomUUID().toString());
        return event;
    }

    private static long attempts(String eventId) {
        return TestInfrastructure.get()
                .queryForLong(
                        "select count(*) from notification.webhook_attempt a join notification.webhook_delivery d"
                                + " on d.id = a.delivery_id where d.event_id = ?",
                        eventId);
    }

    private static String subject(jakarta.mail.internet.MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "/api/v1/organizations/" + org + "/webhooks";
    }
}
