package com.chatbotsaas.auth.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatbotsaas.auth.testing.AuthTests;
import com.chatbotsaas.auth.testing.SuiteRecorder;
import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.Tokens;
import com.chatbotsaas.platform.test.userorg.UserOrgStub;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Organization API clients against the real Keycloak; user-org-service's permission answer comes from a stub. */
@PlatformIntegrationTest
class ApiClientsIT {

    private static final KeycloakTestClient keycloak = AuthTests.keycloak();
    private static final UserOrgStub userOrg = UserOrgStub.start();

    @LocalServerPort
    int port;

    private String token;
    private String orgId;
    private ApiClient admin;
    private String base;

    @DynamicPropertySource
    static void userOrgService(DynamicPropertyRegistry registry) {
        registry.add("USER_ORG_SERVICE_URL", userOrg::url);
    }

    @AfterAll
    static void stopStub() {
        userOrg.close();
    }

    @BeforeEach
    void organizationAdministrator() {
        token = SuiteRecorder.secret(keycloak.login(keycloak.createUser()).accessToken());
        orgId = UUID.randomUUID().toString();
        userOrg.failing(false);
        userOrg.grant(token, orgId, "custom", Set.of("api_clients.manage", "chatbots.read"));
        admin = AuthTests.client(port).withToken(token);
        base = "/api/v1/organizations/" + orgId + "/api-clients";
    }

    @Test
    void createsAClientWhoseTokenCarriesTheOrganizationAndIsAccepted() {
        String requestId = "api-client-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("api_client.create.*")) {
            ApiResult created = admin.withHeader("X-Request-Id", requestId).post(base, Map.of("name", "CRM sync"));

            assertThat(created.status())
                    .as(created.body().path("message").asString())
                    .isEqualTo(201);
            JsonNode client = created.data();
            String secret = SuiteRecorder.secret(client.path("client_secret").asString());
            assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
            assertThat(client.path("name").asString()).isEqualTo("CRM sync");
            assertThat(client.path("organization_id").asString()).isEqualTo(orgId);
            assertThat(created.header("Location"))
                    .isEqualTo(base + "/" + client.path("id").asString());

            Tokens machine = keycloak.clientCredentials(client.path("client_id").asString(), secret);
            SuiteRecorder.secret(machine.accessToken());
            JsonNode claims = machine.accessTokenClaims();
            assertThat(claims.path("organization_id").asString()).isEqualTo(orgId);
            assertThat(claims.path("azp").asString())
                    .isEqualTo(client.path("client_id").asString());
            assertThat(claims.path("aud").toString()).contains("chatbot-saas-api");
            assertThat(claims.path("preferred_username").asString()).startsWith("service-account-");
            assertThat(claims.has("realm_access")).as("no realm roles").isFalse();
            ApiResult asTheClient =
                    AuthTests.client(port).withToken(machine.accessToken()).get("/api/v1/auth/me");
            assertThat(asTheClient.status()).as("a service accepts the token").isEqualTo(200);
            assertThat(asTheClient.data().path("id").asString())
                    .isEqualTo(claims.path("sub").asString());

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("api_client.create.success");
            assertThat(event.event().path("orgid").asString()).isEqualTo(orgId);
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(201);
            assertThat(event.data().path("resource_id").asString())
                    .isEqualTo(client.path("id").asString());
            assertThat(event.data().path("client_id").asString())
                    .isEqualTo(client.path("client_id").asString());
            assertThat(event.json()).doesNotContain(secret);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
    }

    @Test
    void listsTheOrganizationsActiveClientsWithoutSecretsNewestFirst() {
        String first = create("first").path("id").asString();
        String second = create("second").path("id").asString();
        String elsewhere = UUID.randomUUID().toString();
        userOrg.grant(token, elsewhere, "custom", Set.of("api_clients.manage"));
        admin.post("/api/v1/organizations/" + elsewhere + "/api-clients", Map.of("name", "other org"));

        ApiResult listed = admin.get(base + "?per_page=1");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data().findValuesAsString("id")).containsExactly(second);
        assertThat(listed.body().path("meta").path("pagination").path("total").asInt())
                .isEqualTo(2);
        assertThat(listed.body()
                        .path("meta")
                        .path("pagination")
                        .path("last_page")
                        .asInt())
                .isEqualTo(2);
        assertThat(admin.get(base + "?page=2&per_page=1").data().findValuesAsString("id"))
                .containsExactly(first);
        assertThat(listed.raw()).doesNotContain("secret");
        assertThat(admin.get(base + "?per_page=500").status()).isEqualTo(422);
    }

    @Test
    void revokingDeletesTheCredentialsAndIsAuditedOnce() {
        JsonNode client = create("to revoke");
        String id = client.path("id").asString();
        String requestId = "revoke-client-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("api_client.revoke.*")) {
            ApiResult revoked = admin.withHeader("X-Request-Id", requestId).delete(base + "/" + id);

            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
            assertThatThrownBy(() -> keycloak.clientCredentials(
                            client.path("client_id").asString(),
                            client.path("client_secret").asString()))
                    .hasMessageContaining("HTTP 401");
            assertThat(admin.get(base).data().findValuesAsString("id")).doesNotContain(id);
            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("api_client.revoke.success");
            assertThat(event.data().path("resource_id").asString()).isEqualTo(id);
            assertThat(event.event().path("orgid").asString()).isEqualTo(orgId);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
        assertThat(admin.delete(base + "/" + id).status()).as("already revoked").isEqualTo(404);
    }

    @Test
    void anotherOrganizationsClientIsNotFound() {
        String id = create("mine").path("id").asString();
        String other = UUID.randomUUID().toString();
        userOrg.grant(token, other, "custom", Set.of("api_clients.manage"));

        assertThat(admin.delete("/api/v1/organizations/" + other + "/api-clients/" + id)
                        .status())
                .isEqualTo(404);
        assertThat(admin.delete(base + "/not-a-uuid").status()).isEqualTo(404);
        assertThat(admin.get(base).data().findValuesAsString("id")).containsExactly(id);
    }

    @Test
    void managingClientsNeedsThePermissionAndMembership() {
        String requestId = "no-permission-" + UUID.randomUUID();
        String viewer =
                SuiteRecorder.secret(keycloak.login(keycloak.createUser()).accessToken());
        userOrg.grant(viewer, orgId, "custom", Set.of("chatbots.read"));
        ApiClient asViewer = AuthTests.client(port).withToken(viewer);
        String stranger =
                SuiteRecorder.secret(keycloak.login(keycloak.createUser()).accessToken());

        try (EventProbe probe = EventProbe.listen("api_client.create.*")) {
            ApiResult forbidden = asViewer.withHeader("X-Request-Id", requestId).post(base, Map.of("name", "nope"));
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.body().path("error_code").asString()).isEqualTo("FORBIDDEN");
            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("api_client.create.failure");
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(403);
            assertThat(event.event().path("orgid").asString()).isEqualTo(orgId);
        }
        assertThat(asViewer.get(base).status()).isEqualTo(403);
        assertThat(AuthTests.client(port)
                        .withToken(stranger)
                        .post(base, Map.of("name", "nope"))
                        .status())
                .isEqualTo(404);
        assertThat(AuthTests.client(port).post(base, Map.of("name", "nope")).status())
                .isEqualTo(401);
    }

    @Test
    void noPermissionAnswerIs503AndCreatesNothing() {
        String fresh = UUID.randomUUID().toString();
        userOrg.grant(token, fresh, "custom", Set.of("api_clients.manage"));
        userOrg.failing(true);

        ApiResult unavailable = admin.post("/api/v1/organizations/" + fresh + "/api-clients", Map.of("name", "x"));

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body().path("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        userOrg.failing(false);
        assertThat(admin.get("/api/v1/organizations/" + fresh + "/api-clients").data())
                .isEmpty();
    }

    @Test
    void aNameIsRequired() {
        ApiResult invalid = admin.post(base, Map.of("name", " "));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().path("errors").has("name")).isTrue();
    }

    private JsonNode create(String name) {
        ApiResult created = admin.post(base, Map.of("name", name));
        assertThat(created.status()).as("create %s: %s", name, created.status()).isEqualTo(201);
        SuiteRecorder.secret(created.data().path("client_secret").asString());
        return created.data();
    }
}
