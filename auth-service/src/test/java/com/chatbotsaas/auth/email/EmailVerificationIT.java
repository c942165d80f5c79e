package com.chatbotsaas.auth.email;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@PlatformIntegrationTest
class EmailVerificationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private ApiClient api;
    private String email;
    private String password;
    private String userId;
    private String registrationToken;

    @BeforeEach
    void registered() {
        api = AuthTests.client(port);
        email = AuthTests.email();
        password = AuthTests.password();
        try (EventProbe notifications = EventProbe.listenToNotifications("auth.email.verification_requested")) {
            userId = AuthTests.register(api, email, password);
            var message = notifications.await(
                    e -> userId.equals(e.data().path("user_id").asString()), WAIT);
            assertThat(MessageContracts.violations("email-verification", message.json()))
                    .isEmpty();
            assertThat(message.data().path("email").asString()).isEqualTo(email);
            assertThat(Instant.parse(message.data().path("expires_at").asString()))
                    .isAfter(Instant.now().plus(Duration.ofHours(23)));
            registrationToken =
                    SuiteRecorder.secret(message.data().path("token").asString());
        }
    }

    @Test
    void aRegisteredEmailIsUnverifiedUntilTheLinkIsFollowedThenTokensSaySo() {
        JsonNode session = AuthTests.login(api, email, password);
        ApiClient user = api.withToken(session.path("access_token").asString());
        assertThat(user.get("/api/v1/auth/me").data().path("email_verified").asBoolean())
                .isFalse();
        assertThat(claims(session).path("email_verified").asBoolean(true))
                .as("the access token of an unverified account")
                .isFalse();
        assertThat(TestInfrastructure.get()
                        .queryForLong(
                                "select count(*) from auth.email_verification_token where token_hash = ?",
                                OneTimeTokens.hash(registrationToken)))
                .as("stored as its hash only")
                .isEqualTo(1);

        String requestId = "verify-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("auth.email.verify.*")) {
            ApiResult verified = api.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/auth/email/verify", Map.of("token", registrationToken));
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), WAIT);
            assertThat(event.routingKey()).isEqualTo("auth.email.verify.success");
            assertThat(event.event().path("actorid").asString()).isEqualTo(userId);
            assertThat(event.data().path("resource_id").asString()).isEqualTo(userId);
            assertThat(event.json()).doesNotContain(registrationToken);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }

        assertThat(user.get("/api/v1/auth/me").data().path("email_verified").asBoolean())
                .isTrue();
        ApiResult refreshed = api.post(
                "/api/v1/auth/refresh",
                Map.of("refresh_token", session.path("refresh_token").asString()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(claims(AuthTests.tokens(refreshed.data()))
                        .path("email_verified")
                        .asBoolean())
                .as("the next token of the same session")
                .isTrue();
        assertThat(claims(AuthTests.login(api, email, password))
                        .path("email_verified")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aVerificationTokenWorksOnce() {
        assertThat(verify(registrationToken).status()).isEqualTo(200);

        ApiResult again = verify(registrationToken);

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body().path("error_code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(again.body().path("errors").has("token")).isTrue();
    }

    @Test
    void anExpiredVerificationTokenIsRefusedAndChangesNothing() throws Exception {
        try (var connection = TestInfrastructure.get().adminConnection();
                var expire = connection.prepareStatement(
                        "update auth.email_verification_token set expires_at = now() - interval '1 second'"
                                + " where token_hash = ?")) {
            expire.setString(1, OneTimeTokens.hash(registrationToken));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }

        ApiResult expired = verify(registrationToken);

        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.body().path("errors").path("token").get(0).asString())
                .isEqualTo("is invalid or has expired");
        assertThat(me().path("email_verified").asBoolean()).isFalse();
        assertThat(verify("not-a-token-" + UUID.randomUUID()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/auth/email/verify", Map.of()).status()).isEqualTo(422);
    }

    @Test
    void theOwnerMayAskForANewLinkWhichSpendsTheOlderOneAtMostThreeEmailsAnHour() {
        ApiClient user = api.withToken(
                AuthTests.login(api, email, password).path("access_token").asString());
        String newer;
        try (EventProbe notifications = EventProbe.listenToNotifications("auth.email.verification_requested");
                EventProbe audit = EventProbe.listen("auth.email.resend.*")) {
            ApiResult resent = user.post("/api/v1/auth/email/verification", null);
            assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
            newer = SuiteRecorder.secret(notifications
                    .await(e -> userId.equals(e.data().path("user_id").asString()), WAIT)
                    .data()
                    .path("token")
                    .asString());
            var event =
                    audit.await(e -> userId.equals(e.data().path("resource_id").asString()), WAIT);
            assertThat(event.routingKey()).isEqualTo("auth.email.resend.success");
            assertThat(event.json()).doesNotContain(newer);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
        assertThat(newer).isNotEqualTo(registrationToken);
        assertThat(verify(registrationToken).status()).as("the older link").isEqualTo(422);

        assertThat(user.post("/api/v1/auth/email/verification", null).status())
                .as("the third email this hour")
                .isEqualTo(202);
        ApiResult fourth = user.post("/api/v1/auth/email/verification", null);
        assertThat(fourth.status()).as("the fourth").isEqualTo(429);
        assertThat(fourth.body().path("error_code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(fourth.header("Retry-After")).isNotNull();

        assertThat(api.post("/api/v1/auth/email/verification", null).status())
                .as("resending needs a token")
                .isEqualTo(401);
    }

    @Test
    void aVerifiedEmailNeedsNoNewLink() {
        assertThat(verify(registrationToken).status()).isEqualTo(200);
        ApiClient user = api.withToken(
                AuthTests.login(api, email, password).path("access_token").asString());

        ApiResult resent = user.post("/api/v1/auth/email/verification", null);

        assertThat(resent.status()).isEqualTo(409);
        assertThat(resent.body().path("error_code").asString()).isEqualTo("CONFLICT");
    }

    private ApiResult verify(String token) {
        return api.post("/api/v1/auth/email/verify", Map.of("token", token));
    }

    private JsonNode me() {
        return api.withToken(AuthTests.login(api, email, password)
                        .path("access_token")
                        .asString())
                .get("/api/v1/auth/me")
                .data();
    }

    private static JsonNode claims(JsonNode tokens) {
        String jwt = tokens.path("access_token").asString();
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
