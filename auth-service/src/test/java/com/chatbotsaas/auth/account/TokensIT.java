package com.chatbotsaas.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Refresh, logout and the caller's account, against the real Keycloak. */
@PlatformIntegrationTest
class TokensIT {

    @LocalServerPort
    int port;

    private ApiClient api;
    private String email;
    private String password;
    private String userId;

    @BeforeEach
    void registered() {
        api = AuthTests.client(port);
        email = AuthTests.email();
        password = AuthTests.password();
        userId = AuthTests.register(api, email, password);
    }

    @Test
    void refreshIssuesNewTokensOfTheSameShapeAsLogin() {
        JsonNode login = AuthTests.login(api, email, password);
        String requestId = "refresh-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("auth.refresh.*")) {
            ApiResult refreshed = api.withHeader("X-Request-Id", requestId)
                    .post(
                            "/api/v1/auth/refresh",
                            Map.of("refresh_token", login.path("refresh_token").asString()));

            assertThat(refreshed.status()).isEqualTo(200);
            JsonNode data = AuthTests.tokens(refreshed.data());
            assertThat(data.path("token_type").asString()).isEqualTo("Bearer");
            assertThat(data.path("access_token").asString())
                    .isNotBlank()
                    .isNotEqualTo(login.path("access_token").asString());
            assertThat(data.path("refresh_token").asString()).isNotBlank();
            assertThat(data.path("expires_in").asInt()).isPositive();
            assertThat(data.path("refresh_expires_in").asInt()).isPositive();
            assertThat(data.path("user").path("id").asString()).isEqualTo(userId);
            assertThat(data.path("user").path("email").asString()).isEqualTo(email);

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("auth.refresh.success");
            assertThat(event.event().path("actorid").asString()).isEqualTo(userId);
            assertThat(event.data().path("session_id").asString()).isNotBlank();
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
    }

    @Test
    void refreshAfterLogoutFails() {
        JsonNode login = AuthTests.login(api, email, password);
        String refreshToken = login.path("refresh_token").asString();
        ApiClient user = api.withToken(login.path("access_token").asString());
        String requestId = "logout-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("auth.logout.*", "auth.refresh.*")) {
            ApiResult logout = user.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/auth/logout", Map.of("refresh_token", refreshToken));
            assertThat(logout.status()).as(logout.toString()).isEqualTo(204);

            String again = "refresh-after-logout-" + UUID.randomUUID();
            ApiResult refreshed = api.withHeader("X-Request-Id", again)
                    .post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken));
            assertThat(refreshed.status()).isEqualTo(401);
            assertThat(refreshed.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");

            var loggedOut = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(loggedOut.routingKey()).isEqualTo("auth.logout.success");
            assertThat(loggedOut.event().path("actorid").asString()).isEqualTo(userId);
            assertThat(loggedOut.data().path("resource_type").asString()).isEqualTo("session");
            assertThat(loggedOut.data().path("resource_id").asString()).isNotBlank();
            assertThat(EventContracts.violations(loggedOut.json())).isEmpty();
            var failed =
                    probe.await(e -> again.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(failed.routingKey()).isEqualTo("auth.refresh.failure");
            assertThat(failed.event().path("statuscode").asInt()).isEqualTo(401);
            assertThat(failed.event().path("actortype").asString()).isEqualTo("anonymous");
            assertThat(EventContracts.violations(failed.json())).isEmpty();
        }
        // Logging out an ended session again changes nothing and is not an error.
        assertThat(user.post("/api/v1/auth/logout", Map.of("refresh_token", refreshToken))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void eachRefreshSpendsItsTokenAndAReplayEndsTheChain() {
        JsonNode login = AuthTests.login(api, email, password);
        String first = login.path("refresh_token").asString();
        String second = refreshed(first);
        String third = refreshed(second);

        long issuedAt = Jwts.payload(third).path("iat").asLong();
        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().getEpochSecond() > issuedAt);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refresh_token", first))
                        .status())
                .as("a copy of a spent refresh token is refused")
                .isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refresh_token", third))
                        .status())
                .as("a replay is taken as theft: the chain ends, and its owner signs in again")
                .isEqualTo(401);
    }

    /**
     * Keycloak tells a spent refresh token from the current one by issue time, in whole seconds: each refresh here
     * waits for the clock to pass the second its token was issued in.
     */
    private String refreshed(String refreshToken) {
        long issuedAt = Jwts.payload(refreshToken).path("iat").asLong();
        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().getEpochSecond() > issuedAt);
        ApiResult refreshed = api.post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken));
        assertThat(refreshed.status()).isEqualTo(200);
        return AuthTests.tokens(refreshed.data()).path("refresh_token").asString();
    }

    @Test
    void logoutNeedsTheCallersOwnRefreshToken() {
        JsonNode mine = AuthTests.login(api, email, password);
        String otherEmail = AuthTests.email();
        String otherPassword = AuthTests.password();
        AuthTests.register(api, otherEmail, otherPassword);
        JsonNode theirs = AuthTests.login(api, otherEmail, otherPassword);
        ApiClient user = api.withToken(mine.path("access_token").asString());

        ApiResult foreign = user.post(
                "/api/v1/auth/logout",
                Map.of("refresh_token", theirs.path("refresh_token").asString()));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.body().path("errors").has("refresh_token")).isTrue();
        assertThat(api.post(
                                "/api/v1/auth/refresh",
                                Map.of(
                                        "refresh_token",
                                        theirs.path("refresh_token").asString()))
                        .status())
                .as("the other user's session is untouched")
                .isEqualTo(200);

        assertThat(user.post("/api/v1/auth/logout", Map.of("refresh_token", "not-a-token"))
                        .status())
                .isEqualTo(422);
        assertThat(api.post(
                                "/api/v1/auth/logout",
                                Map.of(
                                        "refresh_token",
                                        mine.path("refresh_token").asString()))
                        .status())
                .as("logout needs an access token")
                .isEqualTo(401);
    }

    @Test
    void refreshWithAGarbageTokenIs401AndAMissingOneIs422() {
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refresh_token", "garbage"))
                        .status())
                .isEqualTo(401);
        ApiResult missing = api.post("/api/v1/auth/refresh", Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().path("errors").has("refresh_token")).isTrue();
    }

    @Test
    void meIsTheCallersAccount() {
        JsonNode login = AuthTests.login(api, email, password);

        ApiResult me = api.withToken(login.path("access_token").asString()).get("/api/v1/auth/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().path("id").asString()).isEqualTo(userId);
        assertThat(me.data().path("email").asString()).isEqualTo(email);
        assertThat(me.data().path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(me.data().path("email_verified").asBoolean()).isFalse();
        assertThat(me.data().path("created_at").asString()).endsWith("Z");
        assertThat(api.get("/api/v1/auth/me").status()).isEqualTo(401);
    }
}
