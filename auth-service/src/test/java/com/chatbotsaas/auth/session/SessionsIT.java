package com.chatbotsaas.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.Jwts;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@PlatformIntegrationTest
class SessionsIT {

    @LocalServerPort
    int port;

    private String email;
    private String password;
    private String laptopAddress;
    private String phoneAddress;
    private ApiClient laptop;
    private ApiClient phone;

    @BeforeEach
    void oneUserOnTwoDevices() {
        email = AuthTests.email();
        password = AuthTests.password();
        laptopAddress = AuthTests.nextAddress();
        phoneAddress = AuthTests.nextAddress();
        laptop = ApiClient.at("http://localhost:" + port)
                .withHeader("X-Forwarded-For", laptopAddress)
                .withHeader("User-Agent", "Laptop/1.0");
        phone = ApiClient.at("http://localhost:" + port)
                .withHeader("X-Forwarded-For", phoneAddress)
                .withHeader("User-Agent", "Phone/2.0");
        AuthTests.register(laptop, email, password);
    }

    @Test
    void listsOwnSessionsWithAddressStartLastAccessAndWhichIsCurrent() {
        JsonNode onLaptop = AuthTests.login(laptop, email, password);
        JsonNode onPhone = AuthTests.login(phone, email, password);

        ApiResult listed =
                laptop.withToken(onLaptop.path("access_token").asString()).get("/api/v1/auth/sessions");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data()).hasSize(2);
        JsonNode current = only(listed.data(), true);
        JsonNode other = only(listed.data(), false);
        assertThat(current.path("ip_address").asString()).isEqualTo(laptopAddress);
        assertThat(current.path("user_agent").asString()).isEqualTo("Laptop/1.0");
        assertThat(other.path("ip_address").asString()).isEqualTo(phoneAddress);
        assertThat(other.path("user_agent").asString()).isEqualTo("Phone/2.0");
        assertThat(current.path("started_at").asString()).endsWith("Z");
        assertThat(current.path("last_access_at").asString()).endsWith("Z");
        assertThat(current.path("id").asString())
                .isEqualTo(sessionOf(onLaptop))
                .isNotEqualTo(other.path("id").asString());
        assertThat(other.path("id").asString()).isEqualTo(sessionOf(onPhone));
    }

    @Test
    void revokingASessionKillsThatRefreshTokenOnly() {
        JsonNode onLaptop = AuthTests.login(laptop, email, password);
        JsonNode onPhone = AuthTests.login(phone, email, password);
        String phoneSession = sessionOf(onPhone);
        String requestId = "revoke-" + UUID.randomUUID();

        try (EventProbe probe = EventProbe.listen("auth.session.revoke.*")) {
            ApiResult revoked = laptop.withToken(onLaptop.path("access_token").asString())
                    .withHeader("X-Request-Id", requestId)
                    .delete("/api/v1/auth/sessions/" + phoneSession);
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);

            assertThat(refresh(phone, onPhone).status()).isEqualTo(401);
            ApiResult stillIn = refresh(laptop, onLaptop);
            assertThat(stillIn.status()).isEqualTo(200);
            AuthTests.tokens(stillIn.data());
            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("auth.session.revoke.success");
            assertThat(event.data().path("resource_id").asString()).isEqualTo(phoneSession);
            assertThat(event.data().path("resource_type").asString()).isEqualTo("session");
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
        JsonNode left = laptop.withToken(onLaptop.path("access_token").asString())
                .get("/api/v1/auth/sessions")
                .data();
        assertThat(left.findValuesAsString("id")).containsExactly(sessionOf(onLaptop));
    }

    @Test
    void anotherUsersSessionIs404AndStaysAlive() {
        JsonNode victim = AuthTests.login(phone, email, password);
        String otherEmail = AuthTests.email();
        String otherPassword = AuthTests.password();
        AuthTests.register(laptop, otherEmail, otherPassword);
        JsonNode attacker = AuthTests.login(laptop, otherEmail, otherPassword);
        String requestId = "revoke-foreign-" + UUID.randomUUID();

        try (EventProbe probe = EventProbe.listen("auth.session.revoke.*")) {
            ApiResult denied = laptop.withToken(attacker.path("access_token").asString())
                    .withHeader("X-Request-Id", requestId)
                    .delete("/api/v1/auth/sessions/" + sessionOf(victim));

            assertThat(denied.status()).isEqualTo(404);
            assertThat(denied.body().path("error_code").asString()).isEqualTo("NOT_FOUND");
            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("auth.session.revoke.failure");
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(404);
        }
        assertThat(refresh(phone, victim).status()).isEqualTo(200);
    }

    @Test
    void aLogoutWithAForgedRefreshTokenEndsNothingOfAnotherUsersSession() {
        JsonNode victim = AuthTests.login(phone, email, password);
        String otherEmail = AuthTests.email();
        String otherPassword = AuthTests.password();
        AuthTests.register(laptop, otherEmail, otherPassword);
        JsonNode attacker = AuthTests.login(laptop, otherEmail, otherPassword);
        // Unsigned: the attacker's own subject, so it passes the subject check, and the victim's session id.
        String forged = base64Url("{\"alg\":\"none\"}") + "."
                + base64Url("{\"sub\":\""
                        + Jwts.payload(attacker.path("access_token").asString())
                                .path("sub")
                                .asString() + "\",\"sid\":\"" + sessionOf(victim) + "\",\"typ\":\"Refresh\"}")
                + ".c2lnbmF0dXJl";

        laptop.withToken(attacker.path("access_token").asString())
                .post("/api/v1/auth/logout", Map.of("refresh_token", forged));

        ApiResult listed =
                phone.withToken(victim.path("access_token").asString()).get("/api/v1/auth/sessions");
        assertThat(only(listed.data(), true).path("ip_address").asString())
                .as("what was recorded of the victim's session is still there")
                .isEqualTo(phoneAddress);
        assertThat(refresh(phone, victim).status()).isEqualTo(200);
    }

    private static String base64Url(String json) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void sessionsNeedAToken() {
        assertThat(laptop.get("/api/v1/auth/sessions").status()).isEqualTo(401);
        assertThat(laptop.delete("/api/v1/auth/sessions/whatever").status()).isEqualTo(401);
    }

    private static ApiResult refresh(ApiClient client, JsonNode tokens) {
        return client.post(
                "/api/v1/auth/refresh",
                Map.of("refresh_token", tokens.path("refresh_token").asString()));
    }

    private static String sessionOf(JsonNode tokens) {
        return Jwts.payload(tokens.path("access_token").asString()).path("sid").asString();
    }

    private static JsonNode only(JsonNode sessions, boolean current) {
        JsonNode found = null;
        for (JsonNode session : sessions) {
            if (session.path("current").asBoolean() == current) {
                assertThat(found).as("one session with current=" + current).isNull();
                found = session;
            }
        }
        assertThat(found).as("a session with current=" + current).isNotNull();
        return found;
    }
}
