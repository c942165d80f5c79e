package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import com.chatbotsaas.platform.test.keycloak.Jwts;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The account lifecycle as a client drives it through the gateway: register, login, refresh, sessions, logout. */
class AuthFlowIT {

    private static ApiClient gateway;

    @BeforeAll
    static void startSuite() {
        gateway = ApiClient.at(Suite.get().gatewayUrl());
    }

    @Test
    void registerLoginRefreshSessionsAndLogoutThroughTheGateway() throws IOException {
        String email = "e2e-auth-" + UUID.randomUUID() + "@example.test";
        String password = "pw-" + UUID.randomUUID();
        ApiClient laptop = gateway.withHeader("User-Agent", "AuthFlowIT laptop");
        ApiClient phone = gateway.withHeader("User-Agent", "AuthFlowIT phone");

        ApiResult registered = laptop.post(
                "/api/v1/auth/register",
                Map.of("name", "Flow User", "email", email, "password", password, "password_confirmation", password));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String userId = registered.data().path("user").path("id").asString();

        JsonNode login = ok(laptop.post("/api/v1/auth/login", Map.of("email", email, "password", password)));
        assertThat(login.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(login.path("user").path("id").asString()).isEqualTo(userId);

        JsonNode refreshed = ok(laptop.post(
                "/api/v1/auth/refresh",
                Map.of("refresh_token", login.path("refresh_token").asString())));
        assertThat(refreshed.path("access_token").asString())
                .isNotEqualTo(login.path("access_token").asString());
        assertThat(refreshed.path("user").path("id").asString()).isEqualTo(userId);
        ApiClient user = laptop.withToken(refreshed.path("access_token").asString());

        JsonNode me = ok(user.get("/api/v1/auth/me"));
        assertThat(me.path("email").asString()).isEqualTo(email);

        JsonNode onPhone = ok(phone.post("/api/v1/auth/login", Map.of("email", email, "password", password)));
        JsonNode sessions = ok(user.get("/api/v1/auth/sessions"));
        assertThat(sessions).hasSize(2);
        String laptopSession = Jwts.payload(refreshed.path("access_token").asString())
                .path("sid")
                .asString();
        String phoneSession = Jwts.payload(onPhone.path("access_token").asString())
                .path("sid")
                .asString();
        for (JsonNode session : sessions) {
            assertThat(session.path("current").asBoolean())
                    .isEqualTo(session.path("id").asString().equals(laptopSession));
            assertThat(session.path("ip_address").asString()).isNotBlank();
            assertThat(session.path("started_at").asString()).endsWith("Z");
        }
        assertThat(sessions.findValuesAsString("user_agent"))
                .containsExactlyInAnyOrder("AuthFlowIT laptop", "AuthFlowIT phone");

        assertThat(user.delete("/api/v1/auth/sessions/" + phoneSession).status())
                .isEqualTo(204);
        assertThat(phone.post(
                                "/api/v1/auth/refresh",
                                Map.of(
                                        "refresh_token",
                                        onPhone.path("refresh_token").asString()))
                        .status())
                .isEqualTo(401);

        ApiResult logout = user.post(
                "/api/v1/auth/logout",
                Map.of("refresh_token", refreshed.path("refresh_token").asString()));
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        ApiResult afterLogout = laptop.post(
                "/api/v1/auth/refresh",
                Map.of("refresh_token", refreshed.path("refresh_token").asString()));
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");

        ApiClient operator = gateway.withToken(platformAdminToken());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ApiResult trail = operator.get("/api/v1/admin/audit-logs?actor_id=" + userId + "&per_page=100");
            assertThat(trail.status()).isEqualTo(200);
            assertThat(trail.data().findValuesAsString("action"))
                    .contains("auth.register", "auth.login", "auth.refresh", "auth.session.revoke", "auth.logout");
            assertThat(trail.raw())
                    .doesNotContain(password)
                    .doesNotContain(login.path("refresh_token").asString());
        });

        // What passed through the gateway and auth-service left no credential in their logs.
        for (String service : List.of("gateway", "auth-service")) {
            String log = Files.readString(logOf(service));
            assertThat(log).as(service + " log").isNotEmpty();
            for (String secret : List.of(
                    password,
                    login.path("refresh_token").asString(),
                    refreshed.path("refresh_token").asString(),
                    refreshed.path("access_token").asString())) {
                assertThat(log.contains(secret))
                        .as("a credential in the " + service + " log")
                        .isFalse();
            }
        }
    }

    @Test
    void forgotPasswordAnswers202ForAnyEmailAndWrongCredentialsAre401ThroughTheGateway() {
        ApiResult forgot = gateway.post(
                "/api/v1/auth/password/forgot", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.test"));
        assertThat(forgot.status()).as(forgot.toString()).isEqualTo(202);
        assertThat(forgot.body().path("success").asBoolean()).isTrue();

        ApiResult reset = gateway.post(
                "/api/v1/auth/password/reset",
                Map.of("token", "not-a-token", "password", "long enough 1", "password_confirmation", "long enough 1"));
        assertThat(reset.status()).isEqualTo(422);
        assertThat(reset.body().path("errors").has("token")).isTrue();

        ApiResult refresh = gateway.post("/api/v1/auth/refresh", Map.of("refresh_token", "not-a-token"));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/auth/sessions").status()).isEqualTo(401);
    }

    @Test
    void anOrganizationsApiClientTokenIsAcceptedThroughTheGatewayAndCarriesTheOrganization() {
        String email = "e2e-api-" + UUID.randomUUID() + "@example.test";
        String password = "pw-" + UUID.randomUUID();
        assertThat(gateway.post(
                                "/api/v1/auth/register",
                                Map.of(
                                        "name",
                                        "Integrator",
                                        "email",
                                        email,
                                        "password",
                                        password,
                                        "password_confirmation",
                                        password))
                        .status())
                .isEqualTo(201);
        JsonNode login = ok(gateway.post("/api/v1/auth/login", Map.of("email", email, "password", password)));
        ApiClient owner = gateway.withToken(login.path("access_token").asString());
        ApiResult organization = owner.post("/api/v1/organizations", Map.of("name", "Integrations Inc"));
        assertThat(organization.status()).as(organization.toString()).isEqualTo(201);
        String orgId = organization.data().path("id").asString();

        // The permission check asks the real user-org-service: the owner may manage API clients.
        ApiResult created = owner.post("/api/v1/organizations/" + orgId + "/api-clients", Map.of("name", "CRM sync"));
        assertThat(created.status())
                .as(created.body().path("message").asString())
                .isEqualTo(201);
        String clientId = created.data().path("client_id").asString();
        String secret = created.data().path("client_secret").asString();
        assertThat(owner.get("/api/v1/organizations/" + orgId + "/api-clients")
                        .data()
                        .findValuesAsString("client_id"))
                .containsExactly(clientId);

        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        String machineToken = keycloak.clientCredentials(clientId, secret).accessToken();
        assertThat(Jwts.payload(machineToken).path("organization_id").asString())
                .isEqualTo(orgId);
        ApiResult asTheClient = gateway.withToken(machineToken).get("/api/v1/auth/me");
        assertThat(asTheClient.status())
                .as("the gateway and auth-service accept it")
                .isEqualTo(200);
        // It acts for its own organization with the integration grant, and for no other.
        ApiClient integration = gateway.withToken(machineToken);
        assertThat(integration.get("/api/v1/organizations/" + orgId).status()).isEqualTo(200);
        assertThat(integration
                        .get("/api/v1/organizations/" + orgId + "/members")
                        .status())
                .isEqualTo(403);
        assertThat(integration
                        .get("/api/v1/organizations/" + orgId + "/audit-logs")
                        .status())
                .as("audit-service asks user-org-service for the client's grant")
                .isEqualTo(403);
        assertThat(integration
                        .get("/api/v1/organizations/" + java.util.UUID.randomUUID())
                        .status())
                .isEqualTo(404);

        assertThat(owner.delete("/api/v1/organizations/" + orgId + "/api-clients/"
                                + created.data().path("id").asString())
                        .status())
                .isEqualTo(204);
        assertThat(catchThrowable(() -> keycloak.clientCredentials(clientId, secret)))
                .as("no token after revocation")
                .isNotNull();
    }

    private static JsonNode ok(ApiResult result) {
        assertThat(result.status()).as(result.body().path("message").asString()).isEqualTo(200);
        return result.data();
    }

    private static Path logOf(String service) {
        return ProjectPaths.root().resolve(".run/e2e/logs/" + service + ".log");
    }

    private static String platformAdminToken() {
        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        TestUser operator = keycloak.createUser();
        keycloak.grantRealmRole(operator, "platform-admin");
        return keycloak.login(operator).accessToken();
    }
}
