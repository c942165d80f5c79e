package com.chatbotsaas.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.auth.testing.SuiteRecorder;
import com.chatbotsaas.auth.token.OneTimeTokens;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.contract.MessageContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.chatbotsaas.platform.test.keycloak.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@PlatformIntegrationTest
class PasswordsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

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
    void changeNeedsTheCurrentPasswordThenOnlyTheNewOneWorksAndOtherSessionsEnd() {
        JsonNode here = AuthTests.login(api, email, password);
        JsonNode elsewhere = AuthTests.login(AuthTests.client(port), email, password);
        ApiClient user = api.withToken(here.path("access_token").asString());
        String newPassword = AuthTests.password();
        String wrong = AuthTests.password();

        ApiResult wrongCurrent = user.post("/api/v1/auth/password/change", change(wrong, newPassword));
        assertThat(wrongCurrent.status()).isEqualTo(422);
        assertThat(wrongCurrent.body().path("errors").has("current_password")).isTrue();
        ApiResult same = user.post("/api/v1/auth/password/change", change(password, password));
        assertThat(same.status()).isEqualTo(422);
        assertThat(same.body().path("errors").has("password")).isTrue();

        String requestId = "change-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("auth.password.change.*")) {
            ApiResult changed = user.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/auth/password/change", change(password, newPassword));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), WAIT);
            assertThat(event.routingKey()).isEqualTo("auth.password.change.success");
            assertThat(event.data().path("resource_id").asString()).isEqualTo(userId);
            assertThat(event.json()).doesNotContain(password).doesNotContain(newPassword);
            assertThat(EventContracts.violations(event.json())).isEmpty();
            assertSignInRightAfterIsNewer(event.data(), newPassword);
        }

        assertThat(login(password).status()).as("the old password").isEqualTo(401);
        AuthTests.login(api, email, newPassword);
        assertThat(refresh(elsewhere).status()).as("another session").isEqualTo(401);
        ApiResult stillHere = refresh(here);
        assertThat(stillHere.status()).as("the session that changed it").isEqualTo(200);
        AuthTests.tokens(stillHere.data());
    }

    @Test
    void forgotAnswers202EitherWayAndSendsTheTokenOnlyToNotificationService() {
        String unknown = AuthTests.email();
        String requestId = "forgot-" + UUID.randomUUID();
        String unknownRequestId = "forgot-unknown-" + UUID.randomUUID();
        try (EventProbe audit = EventProbe.listen("auth.password.forgot.*");
                EventProbe notifications = EventProbe.listenToNotifications("#")) {
            ApiResult forUnknown = api.withHeader("X-Request-Id", unknownRequestId)
                    .post("/api/v1/auth/password/forgot", Map.of("email", unknown));
            ApiResult forKnown = api.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/auth/password/forgot", Map.of("email", email.toUpperCase()));

            assertThat(forUnknown.status()).isEqualTo(202);
            assertThat(forKnown.status()).isEqualTo(202);
            assertThat(forKnown.body().path("message").asString())
                    .isEqualTo(forUnknown.body().path("message").asString());
            assertThat(forKnown.data().isEmpty()).isTrue();

            var message = notifications.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), WAIT);
            assertThat(message.routingKey()).isEqualTo("auth.password.reset_requested");
            assertThat(MessageContracts.violations("password-reset", message.json()))
                    .isEmpty();
            String token = SuiteRecorder.secret(message.data().path("token").asString());
            assertThat(message.data().path("user_id").asString()).isEqualTo(userId);
            assertThat(message.data().path("email").asString()).isEqualTo(email);
            assertThat(Instant.parse(message.data().path("expires_at").asString()))
                    .isBetween(
                            Instant.now().plus(Duration.ofMinutes(50)),
                            Instant.now().plus(Duration.ofMinutes(61)));
            assertThat(TestInfrastructure.get()
                            .queryForLong(
                                    "select count(*) from auth.password_reset_token where token_hash = ?",
                                    OneTimeTokens.hash(token)))
                    .as("stored as its hash only")
                    .isEqualTo(1);

            var known = audit.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), WAIT);
            var notKnown = audit.await(
                    e -> unknownRequestId.equals(e.event().path("requestid").asString()), WAIT);
            assertThat(known.routingKey()).isEqualTo("auth.password.forgot.success");
            assertThat(known.event().path("statuscode").asInt()).isEqualTo(202);
            assertThat(known.data().path("message_sent").asBoolean()).isTrue();
            assertThat(known.json()).doesNotContain(token);
            assertThat(notKnown.data().path("message_sent").asBoolean()).isFalse();
            assertThat(EventContracts.violations(known.json())).isEmpty();
            assertThat(EventContracts.violations(notKnown.json())).isEmpty();
            assertThat(notifications.all(e ->
                            unknownRequestId.equals(e.event().path("requestid").asString())))
                    .isEmpty();
        }
    }

    @Test
    void aResetTokenWorksOnceAndEndsEverySession() {
        JsonNode session = AuthTests.login(api, email, password);
        String token = requestResetToken();
        String newPassword = AuthTests.password();
        String requestId = "reset-" + UUID.randomUUID();

        try (EventProbe probe = EventProbe.listen("auth.password.reset.*")) {
            ApiResult reset = api.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/auth/password/reset", reset(token, newPassword));
            assertThat(reset.status()).as(reset.toString()).isEqualTo(200);

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), WAIT);
            assertThat(event.routingKey()).isEqualTo("auth.password.reset.success");
            assertThat(event.event().path("actorid").asString()).isEqualTo(userId);
            assertThat(event.json()).doesNotContain(token).doesNotContain(newPassword);
            assertThat(EventContracts.violations(event.json())).isEmpty();
            assertSignInRightAfterIsNewer(event.data(), newPassword);
        }
        assertThat(refresh(session).status())
                .as("sessions from before the reset")
                .isEqualTo(401);
        assertThat(login(password).status()).isEqualTo(401);
        AuthTests.login(api, email, newPassword);

        ApiResult again = api.post("/api/v1/auth/password/reset", reset(token, AuthTests.password()));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body().path("errors").has("token")).isTrue();
        AuthTests.login(api, email, newPassword);
    }

    @Test
    void anExpiredResetTokenIsRefused() throws Exception {
        String token = requestResetToken();
        try (var connection = TestInfrastructure.get().adminConnection();
                var expire = connection.prepareStatement(
                        "update auth.password_reset_token set expires_at = now() - interval '1 second'"
                                + " where token_hash = ?")) {
            expire.setString(1, OneTimeTokens.hash(token));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }

        ApiResult expired = api.post("/api/v1/auth/password/reset", reset(token, AuthTests.password()));

        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.body().path("errors").path("token").get(0).asString())
                .isEqualTo("is invalid or has expired");
        AuthTests.login(api, email, password);
    }

    @Test
    void aNewerRequestSpendsTheOlderTokenAndAPolicyViolationKeepsTheTokenUsable() {
        String older = requestResetToken();
        String newer = requestResetToken();

        assertThat(api.post("/api/v1/auth/password/reset", reset(older, AuthTests.password()))
                        .status())
                .isEqualTo(422);
        // The realm refuses a password equal to the email: the reset fails and the token is not spent.
        ApiResult refused = api.post("/api/v1/auth/password/reset", reset(newer, email));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("errors").has("password")).isTrue();
        assertThat(api.post("/api/v1/auth/password/reset", reset(newer, AuthTests.password()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void resetAndForgotValidateTheirInput() {
        ApiResult mismatch = api.post(
                "/api/v1/auth/password/reset",
                Map.of("token", "x", "password", "long enough 1", "password_confirmation", "long enough 2"));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.body().path("errors").has("password_confirmation")).isTrue();
        assertThat(api.post("/api/v1/auth/password/forgot", Map.of("email", "not-an-email"))
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/auth/password/change", change(password, "long enough 3"))
                        .status())
                .as("change needs a token")
                .isEqualTo(401);
    }

    private String requestResetToken() {
        String requestId = "forgot-" + UUID.randomUUID();
        try (EventProbe notifications = EventProbe.listenToNotifications("auth.password.reset_requested")) {
            assertThat(api.withHeader("X-Request-Id", requestId)
                            .post("/api/v1/auth/password/forgot", Map.of("email", email))
                            .status())
                    .isEqualTo(202);
            var message = notifications.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), WAIT);
            return SuiteRecorder.secret(message.data().path("token").asString());
        }
    }

    private ApiResult login(String withPassword) {
        return api.post("/api/v1/auth/login", Map.of("email", email, "password", withPassword));
    }

    private ApiResult refresh(JsonNode tokens) {
        return api.post(
                "/api/v1/auth/refresh",
                Map.of("refresh_token", tokens.path("refresh_token").asString()));
    }

    private static Map<String, String> change(String current, String next) {
        return Map.of("current_password", current, "password", next, "password_confirmation", next);
    }

    private static Map<String, String> reset(String token, String next) {
        return Map.of("token", token, "password", next, "password_confirmation", next);
    }

    /**
     * The event names the second up to which the user's tokens are revoked, and the answer came only after it: a
     * sign-in right after the answer gets a token issued later, which the gateway accepts.
     */
    private void assertSignInRightAfterIsNewer(JsonNode data, String newPassword) {
        long revokedUpTo = data.path("tokens_revoked_up_to").asLong(-1);
        assertThat(revokedUpTo).as("tokens_revoked_up_to").isPositive();
        long issued = Jwts.payload(AuthTests.login(api, email, newPassword)
                        .path("access_token")
                        .asString())
                .path("iat")
                .asLong();
        assertThat(issued).as("iat of a sign-in right after the answer").isGreaterThan(revokedUpTo);
    }
}
