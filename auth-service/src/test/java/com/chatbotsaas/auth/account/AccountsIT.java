package com.chatbotsaas.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.auth.testing.SuiteRecorder;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PlatformIntegrationTest
class AccountsIT {

    private static final String PASSWORD = SuiteRecorder.secret("correct horse battery");
    private static final String WRONG_PASSWORD = SuiteRecorder.secret("wrong password");

    @LocalServerPort
    int port;

    private ApiClient api;
    private String email;

    @BeforeEach
    void setUp() {
        api = AuthTests.client(port);
        email = "ada-" + UUID.randomUUID() + "@example.test";
    }

    @Test
    void registersAnAccountAndEmitsTheRegistrationWithoutThePassword() {
        String requestId = "reg-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("auth.register.*")) {
            ApiResult registered =
                    api.withHeader("X-Request-Id", requestId).post("/api/v1/auth/register", register(email));

            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String id = registered.data().path("user").path("id").asString();
            assertThat(registered.data().path("user").path("email").asString()).isEqualTo(email);
            assertThat(registered.data().path("user").path("name").asString()).isEqualTo("Ada Lovelace");

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("auth.register.success");
            assertThat(event.event().path("actorid").asString()).isEqualTo(id);
            assertThat(event.data().path("resource_id").asString()).isEqualTo(id);
            assertThat(event.data().path("email").asString()).isEqualTo(email);
            assertThat(event.json()).doesNotContain(PASSWORD);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
    }

    @Test
    void registeringATakenEmailIsAConflictAndAuditedAsFailure() {
        assertThat(api.post("/api/v1/auth/register", register(email)).status()).isEqualTo(201);
        String requestId = "dup-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("auth.register.*")) {
            ApiResult again = api.withHeader("X-Request-Id", requestId).post("/api/v1/auth/register", register(email));

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body().path("error_code").asString()).isEqualTo("CONFLICT");
            assertThat(again.body().path("errors").has("email")).isTrue();
            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("auth.register.failure");
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(409);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
    }

    @Test
    void invalidRegistrationsAre422WithTheFieldsNamed() {
        ApiResult shortPassword = api.post(
                "/api/v1/auth/register",
                Map.of("name", "Ada", "email", "not-an-email", "password", "short", "password_confirmation", "short"));
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.body().path("errors").has("email")).isTrue();
        assertThat(shortPassword.body().path("errors").has("password")).isTrue();

        ApiResult mismatch = api.post(
                "/api/v1/auth/register",
                Map.of("name", "Ada", "email", email, "password", PASSWORD, "password_confirmation", PASSWORD + "!"));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.body().path("errors").has("password_confirmation")).isTrue();
    }

    @Test
    void whatTheRealmRefusesIs422OnTheFieldAndNeverAnUpstreamError() {
        // The realm's policy forbids a password equal to the email; its user profile forbids some characters in names.
        ApiResult emailAsPassword = api.post(
                "/api/v1/auth/register",
                Map.of("name", "Ada", "email", email, "password", email, "password_confirmation", email));
        assertThat(emailAsPassword.status()).as(emailAsPassword.toString()).isEqualTo(422);
        assertThat(emailAsPassword.body().path("errors").has("password")).isTrue();

        ApiResult badName = api.post(
                "/api/v1/auth/register",
                Map.of("name", "<script>", "email", email, "password", PASSWORD, "password_confirmation", PASSWORD));
        assertThat(badName.status()).as(badName.toString()).isEqualTo(422);
        assertThat(badName.body().path("errors").has("name")).isTrue();
    }

    @Test
    void logsInWithTheRightPasswordOnly() {
        String id = api.post("/api/v1/auth/register", register(email))
                .data()
                .path("user")
                .path("id")
                .asString();
        try (EventProbe probe = EventProbe.listen("auth.login.*")) {
            ApiResult login = api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));

            assertThat(login.status()).isEqualTo(200);
            AuthTests.tokens(login.data());
            assertThat(login.data().path("token_type").asString()).isEqualTo("Bearer");
            assertThat(login.data().path("access_token").asString()).isNotBlank();
            assertThat(login.data().path("refresh_token").asString()).isNotBlank();
            assertThat(login.data().path("expires_in").asInt()).isPositive();
            assertThat(login.data().path("user").path("id").asString()).isEqualTo(id);
            var success = probe.await(e -> id.equals(e.event().path("actorid").asString()), Duration.ofSeconds(20));
            assertThat(success.routingKey()).isEqualTo("auth.login.success");

            String requestId = "bad-" + UUID.randomUUID();
            ApiResult wrong = api.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/auth/login", Map.of("email", email, "password", WRONG_PASSWORD));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.body().path("success").asBoolean()).isFalse();
            assertThat(wrong.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
            var failure = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(failure.routingKey()).isEqualTo("auth.login.failure");
            assertThat(failure.event().path("statuscode").asInt()).isEqualTo(401);
            assertThat(failure.event().path("errorcode").asString()).isEqualTo("UNAUTHENTICATED");
            assertThat(failure.event().path("actortype").asString()).isEqualTo("anonymous");
            assertThat(failure.data().path("email").asString()).isEqualTo(email);
            assertThat(failure.json()).doesNotContain(WRONG_PASSWORD);
            assertThat(EventContracts.violations(failure.json())).isEmpty();
        }
    }

    private static Map<String, String> register(String email) {
        return Map.of("name", "Ada Lovelace", "email", email, "password", PASSWORD, "password_confirmation", PASSWORD);
    }
}
