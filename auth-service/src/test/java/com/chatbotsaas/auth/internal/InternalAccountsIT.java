package com.chatbotsaas.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.auth.testing.SuiteRecorder;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The account creation user-org-service calls as itself for "an administrator creates a user". */
@PlatformIntegrationTest
class InternalAccountsIT {

    private static final KeycloakTestClient keycloak = AuthTests.keycloak();

    @LocalServerPort
    int port;

    private ApiClient userOrgService;
    private String email;
    private String password;

    @BeforeEach
    void asUserOrgService() {
        userOrgService = AuthTests.client(port)
                .withToken(SuiteRecorder.secret(
                        keycloak.clientCredentials("user-org-service").accessToken()));
        email = AuthTests.email();
        password = AuthTests.password();
    }

    @Test
    void userOrgServiceCreatesAnAccountThatCanLogIn() {
        String requestId = "internal-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("user.create.*")) {
            ApiResult created = userOrgService
                    .withHeader("X-Request-Id", requestId)
                    .post("/internal/v1/users", account(email.toUpperCase(), password));

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.data().path("id").asString();
            assertThat(created.data().path("email").asString()).isEqualTo(email);
            assertThat(created.data().path("name").asString()).isEqualTo("Grace Hopper");
            assertThat(AuthTests.login(AuthTests.client(port), email, password)
                            .path("user")
                            .path("id")
                            .asString())
                    .isEqualTo(id);

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("user.create.success");
            assertThat(event.event().path("actortype").asString()).isEqualTo("service");
            assertThat(event.data().path("resource_type").asString()).isEqualTo("account");
            assertThat(event.data().path("resource_id").asString()).isEqualTo(id);
            assertThat(event.data().path("email").asString()).isEqualTo(email);
            assertThat(event.json()).doesNotContain(password);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
    }

    @Test
    void onlyTheConfiguredServicesMayCreateAccounts() {
        String requestId = "internal-denied-" + UUID.randomUUID();
        ApiClient otherService = AuthTests.client(port)
                .withToken(SuiteRecorder.secret(
                        keycloak.clientCredentials("chatbot-service").accessToken()));
        ApiClient user = AuthTests.client(port)
                .withToken(SuiteRecorder.secret(
                        keycloak.login(keycloak.createUser()).accessToken()));

        try (EventProbe probe = EventProbe.listen("user.create.*")) {
            ApiResult denied = otherService
                    .withHeader("X-Request-Id", requestId)
                    .post("/internal/v1/users", account(email, password));
            assertThat(denied.status()).isEqualTo(403);
            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("user.create.failure");
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(403);
            assertThat(event.json()).doesNotContain(password);
        }
        assertThat(user.post("/internal/v1/users", account(email, password)).status())
                .isEqualTo(403);
        assertThat(AuthTests.client(port)
                        .post("/internal/v1/users", account(email, password))
                        .status())
                .isEqualTo(401);
        assertThat(keycloakHasAccount(email)).isFalse();
    }

    @Test
    void aTakenEmailIs409AndAPolicyViolationIs422() {
        assertThat(userOrgService
                        .post("/internal/v1/users", account(email, password))
                        .status())
                .isEqualTo(201);

        ApiResult taken = userOrgService.post("/internal/v1/users", account(email, AuthTests.password()));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().path("errors").has("email")).isTrue();

        String other = AuthTests.email();
        ApiResult policy = userOrgService.post("/internal/v1/users", account(other, other));
        assertThat(policy.status()).isEqualTo(422);
        assertThat(policy.body().path("errors").has("password")).isTrue();
        ApiResult invalid = userOrgService.post("/internal/v1/users", Map.of("email", "nope"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().path("errors").has("password")).isTrue();
    }

    private boolean keycloakHasAccount(String email) {
        try {
            keycloak.login(email, password);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Map<String, String> account(String email, String password) {
        return Map.of("name", "Grace Hopper", "email", email, "password", password);
    }
}
