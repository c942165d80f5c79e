package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications as a client sees them through the gateway: a welcome notification after registration, and an
 * organization webhook that receives the real events of another service, signed per Standard Webhooks.
 */
class NotificationFlowIT {

    private static final String PASSWORD = "notification flow password";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aNewUserIsWelcomedAndTheirWebhookReceivesSignedEventsOfTheirOrganization() throws IOException {
        Suite suite = Suite.get();
        skipOtherTestsBacklog();
        ApiClient gateway = ApiClient.at(suite.gatewayUrl());
        ApiClient ada = signUp(gateway, "ada-" + UUID.randomUUID() + "@example.test");

        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ada.get("/api/v1/notifications")
                        .data()
                        .findValuesAsString("type")
                        .contains("welcome"));
        ApiResult notifications = ada.get("/api/v1/notifications?unread=true");
        assertThat(notifications.body().path("meta").path("unread_count").asInt())
                .isGreaterThanOrEqualTo(1);

        String orgId = ada.post("/api/v1/organizations", Map.of("name", "Hooked Co"))
                .data()
                .path("id")
                .asString();
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String[] {
                exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
            });
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            ApiResult webhook = ada.post(
                    "/api/v1/organizations/" + orgId + "/webhooks",
                    Map.of(
                            "url",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "event_types",
                            List.of("invitation.*")));
            assertThat(webhook.status()).as(webhook.toString()).isEqualTo(201);
            String secret = webhook.data().path("secret").asString();

            String bobEmail = "bob-" + UUID.randomUUID() + "@example.test";
            ApiResult invited = ada.post(
                    "/api/v1/organizations/" + orgId + "/invitations", Map.of("email", bobEmail, "role", "member"));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);

            await().atMost(WAIT).until(() -> !received.isEmpty());
            String[] request = received.get(0);
            assertThat(verify(secret, request[0], request[1], request[2], request[3]))
                    .isTrue();
            JsonNode event = JSON.readTree(request[3]);
            assertThat(event.path("type").asString()).isEqualTo("com.chatbotsaas.invitation.create");
            assertThat(event.path("orgid").asString()).isEqualTo(orgId);
            assertThat(event.path("id").asString()).isEqualTo(request[0]);
            assertThat(event.path("data").path("email").asString()).isEqualTo(bobEmail);
            assertThat(request[3]).doesNotContain("\"token\"");

            String webhookId = webhook.data().path("id").asString();
            await().atMost(WAIT)
                    .until(() -> "succeeded"
                            .equals(ada.get("/api/v1/organizations/" + orgId + "/webhooks/" + webhookId + "/deliveries")
                                    .data()
                                    .path(0)
                                    .path("status")
                                    .asString()));
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * notification-service's queue binds every successful event of the shared test exchange, so between two runs it
     * fills with other tests' events; this test waits for its own, not for that backlog.
     */
    private static void skipOtherTestsBacklog() {
        EventProbe.purge(PlatformTestEnvironment.QUEUE_PREFIX + "notification-service.events");
    }

    /** The receiver's check, from the Standard Webhooks specification. */
    private static boolean verify(String secret, String id, String timestamp, String header, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : header.split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiClient signUp(ApiClient gateway, String email) {
        ApiResult registered = gateway.post(
                "/api/v1/auth/register",
                Map.of(
                        "name",
                        "Flow " + email,
                        "email",
                        email,
                        "password",
                        PASSWORD,
                        "password_confirmation",
                        PASSWORD));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        ApiResult login = gateway.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return gateway.withToken(login.data().path("access_token").asString());
    }
}
