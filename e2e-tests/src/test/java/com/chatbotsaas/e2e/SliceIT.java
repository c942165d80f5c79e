package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The first slice through every tier, as a client drives it: gateway, auth, Keycloak, user-org, events, audit. */
class SliceIT {

    private static final String PASSWORD = "a long enough password";
    private static Suite suite;
    private static ApiClient gateway;

    @BeforeAll
    static void startSuite() {
        suite = Suite.get();
        gateway = ApiClient.at(suite.gatewayUrl());
    }

    @Test
    void registerLoginCreateOrganizationAndSeeItInTheAuditTrail() {
        String email = "e2e-" + UUID.randomUUID() + "@example.test";
        ApiResult registered = gateway.post("/api/v1/auth/register", registration(email));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String userId = registered.data().path("user").path("id").asString();

        ApiResult login = gateway.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        ApiClient user = gateway.withToken(login.data().path("access_token").asString());

        String requestId = "e2e-" + UUID.randomUUID();
        ApiResult created =
                user.withHeader("X-Request-Id", requestId).post("/api/v1/organizations", Map.of("name", "E2E Corp"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
        String orgId = created.data().path("id").asString();

        assertThat(user.get("/api/v1/organizations").data().findValuesAsString("id"))
                .containsExactly(orgId);

        JsonNode record = awaitAuditRecord(user, orgId, "request_id=" + requestId);
        assertThat(record.path("action").asString()).isEqualTo("org.create");
        assertThat(record.path("outcome").asString()).isEqualTo("success");
        assertThat(record.path("actor_id").asString()).isEqualTo(userId);
        assertThat(record.path("resource_id").asString()).isEqualTo(orgId);
        assertThat(record.path("status_code").asInt()).isEqualTo(201);

        // Registration and login belong to no organization: an operator sees them across tenants.
        ApiClient operator = gateway.withToken(platformAdminToken());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ApiResult mine = operator.get("/api/v1/admin/audit-logs?actor_id=" + userId + "&per_page=100");
            assertThat(mine.status()).isEqualTo(200);
            List<String> actions = mine.data().findValuesAsString("action");
            assertThat(actions).contains("auth.register", "auth.login", "org.create");
        });
    }

    @Test
    void wrongPasswordIs401AndAuditedAsAFailedLogin() {
        String email = "e2e-" + UUID.randomUUID() + "@example.test";
        assertThat(gateway.post("/api/v1/auth/register", registration(email)).status())
                .isEqualTo(201);
        String requestId = "e2e-bad-" + UUID.randomUUID();

        ApiResult wrong = gateway.withHeader("X-Request-Id", requestId)
                .post("/api/v1/auth/login", Map.of("email", email, "password", "not the password"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("success").asBoolean()).isFalse();
        assertThat(wrong.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrong.body().path("request_id").asString()).isEqualTo(requestId);
        ApiClient operator = gateway.withToken(platformAdminToken());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode records = operator.get("/api/v1/admin/audit-logs?request_id=" + requestId)
                    .data();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).path("action").asString()).isEqualTo("auth.login");
            assertThat(records.get(0).path("outcome").asString()).isEqualTo("failure");
            assertThat(records.get(0).path("status_code").asInt()).isEqualTo(401);
            assertThat(records.get(0).path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        });
    }

    @Test
    void aDenialDecidedByTheGatewayReachesTheAuditTrail() {
        String requestId = "e2e-deny-" + UUID.randomUUID();

        ApiResult denied = gateway.withHeader("X-Request-Id", requestId)
                .withToken("not.a.jwt")
                .get("/api/v1/organizations");

        assertEnvelope(denied, 401, "UNAUTHENTICATED");
        ApiClient operator = gateway.withToken(platformAdminToken());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode records = operator.get("/api/v1/admin/audit-logs?request_id=" + requestId)
                    .data();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).path("action").asString()).isEqualTo("gateway.request.deny");
            assertThat(records.get(0).path("outcome").asString()).isEqualTo("failure");
            assertThat(records.get(0).path("status_code").asInt()).isEqualTo(401);
            assertThat(records.get(0).path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        });
    }

    @Test
    void errorsAcrossTheSliceAreEnvelopesWithoutInternals() {
        ApiResult invalid = gateway.post("/api/v1/auth/register", Map.of("email", "nope"));
        assertEnvelope(invalid, 422, "VALIDATION_ERROR");
        assertThat(invalid.body().path("errors").has("password")).isTrue();

        assertEnvelope(gateway.postRaw("/api/v1/auth/login", "{oops", "application/json"), 400, "MALFORMED_REQUEST");
        assertEnvelope(gateway.get("/api/v1/organizations"), 401, "UNAUTHENTICATED");
        assertEnvelope(gateway.withToken("not.a.jwt").get("/api/v1/organizations"), 401, "UNAUTHENTICATED");

        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        ApiClient stranger =
                gateway.withToken(keycloak.login(keycloak.createUser()).accessToken());
        assertEnvelope(stranger.get("/api/v1/organizations/" + UUID.randomUUID() + "/audit-logs"), 404, "NOT_FOUND");
        assertEnvelope(stranger.get("/api/v1/admin/audit-logs"), 403, "FORBIDDEN");
        assertEnvelope(stranger.get("/internal/v1/organizations/" + UUID.randomUUID() + "/access"), 404, "NOT_FOUND");
    }

    static JsonNode awaitAuditRecord(ApiClient user, String orgId, String query) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ApiResult logs = user.get("/api/v1/organizations/" + orgId + "/audit-logs?" + query);
            assertThat(logs.status()).as(logs.toString()).isEqualTo(200);
            assertThat(logs.data()).hasSize(1);
            found[0] = logs.data().get(0);
        });
        return found[0];
    }

    static Map<String, String> registration(String email) {
        return Map.of("name", "E2E User", "email", email, "password", PASSWORD, "password_confirmation", PASSWORD);
    }

    private static void assertEnvelope(ApiResult result, int status, String errorCode) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.body().path("success").asBoolean(true)).isFalse();
        assertThat(result.body().path("error_code").asString()).isEqualTo(errorCode);
        assertThat(result.body().path("request_id").asString()).isNotBlank();
        assertThat(result.raw())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("SQL");
    }

    private static String platformAdminToken() {
        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        TestUser operator = keycloak.createUser();
        keycloak.grantRealmRole(operator, "platform-admin");
        return keycloak.login(operator).accessToken();
    }
}
