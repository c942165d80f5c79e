package com.chatbotsaas.userorg.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PlatformIntegrationTest
class OrganizationsIT {

    private static final KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());

    @LocalServerPort
    int port;

    private ApiClient api;
    private TestUser user;

    @BeforeEach
    void signIn() {
        user = keycloak.createUser();
        api = ApiClient.at("http://localhost:" + port)
                .withToken(keycloak.login(user).accessToken());
    }

    @Test
    void createsOrganizationOwnedByCallerAndEmitsAuditedEvent() {
        String requestId = "it-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("org.create.*")) {
            ApiResult created = api.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/organizations", Map.of("name", "Acme Robotics"));

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
            assertThat(created.body().path("success").asBoolean()).isTrue();
            assertThat(created.body().path("request_id").asString()).isEqualTo(requestId);
            String orgId = created.data().path("id").asString();
            assertThat(created.header("Location")).endsWith("/api/v1/organizations/" + orgId);
            assertThat(created.data().path("slug").asString()).startsWith("acme-robotics");
            assertThat(created.data().path("status").asString()).isEqualTo("active");
            assertThat(created.data().path("plan").asString()).isEqualTo("free");
            assertThat(created.data().has("created_at")).isTrue();

            var event = probe.await(e -> orgId.equals(e.event().path("orgid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("org.create.success");
            assertThat(event.type()).isEqualTo("com.chatbotsaas.org.create");
            assertThat(event.event().path("requestid").asString()).isEqualTo(requestId);
            assertThat(event.event().path("actorid").asString()).isEqualTo(user.id());
            assertThat(event.event().path("actortype").asString()).isEqualTo("user");
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(201);
            assertThat(event.data().path("resource_id").asString()).isEqualTo(orgId);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }

        ApiResult mine = api.get("/api/v1/organizations");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.data()).hasSize(1);
        assertThat(mine.data().get(0).path("role").asString()).isEqualTo("owner");
        assertThat(mine.body().path("meta").path("pagination").path("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void invalidOrganizationIsRejectedWith422AndAuditedAsFailure() {
        String requestId = "it-" + UUID.randomUUID();
        try (EventProbe probe = EventProbe.listen("org.create.*")) {
            ApiResult rejected = api.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/organizations", Map.of("name", "", "slug", "Not A Slug"));

            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.body().path("success").asBoolean()).isFalse();
            assertThat(rejected.body().path("error_code").asString()).isEqualTo("VALIDATION_ERROR");
            assertThat(rejected.body().path("errors").has("name")).isTrue();
            assertThat(rejected.body().path("errors").has("slug")).isTrue();

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("org.create.failure");
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(422);
            assertThat(event.event().path("errorcode").asString()).isEqualTo("VALIDATION_ERROR");
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
        assertThat(api.get("/api/v1/organizations").data()).isEmpty();
    }

    @Test
    void aQueryParameterThatCannotBeStoredIsRefusedAfterTheHandlerIsChosenAndAuditedAsFailure() {
        String requestId = "it-" + UUID.randomUUID();
        String slug = "nul-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventProbe probe = EventProbe.listen("org.create.*")) {
            ApiResult rejected = api.withHeader("X-Request-Id", requestId)
                    .post("/api/v1/organizations?source=a%00b", Map.of("name", "Fine", "slug", slug));

            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.body().path("error_code").asString()).isEqualTo("VALIDATION_ERROR");
            assertThat(rejected.body().path("errors").path("source").get(0).asString())
                    .isEqualTo("must not contain control characters");

            var event = probe.await(
                    e -> requestId.equals(e.event().path("requestid").asString()), Duration.ofSeconds(20));
            assertThat(event.routingKey()).isEqualTo("org.create.failure");
            assertThat(event.event().path("statuscode").asInt()).isEqualTo(422);
        }
        assertThat(api.get("/api/v1/organizations").data()).isEmpty();
    }

    @Test
    void takenSlugIsAConflictOnTheField() {
        String slug = "taken-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/organizations", Map.of("name", "First", "slug", slug))
                        .status())
                .isEqualTo(201);

        ApiResult second = api.post("/api/v1/organizations", Map.of("name", "Second", "slug", slug));

        assertThat(second.status()).isEqualTo(422);
        assertThat(second.body().path("errors").path("slug").get(0).asString()).isEqualTo("has already been taken");
    }

    @Test
    void aNameThatCouldReadAsSomethingElseOrTextThatCannotBeStoredIsRefusedAndNothingIsCreated() {
        ApiResult reversed = api.post("/api/v1/organizations", Map.of("name", "Acme\u202e\u2066moc.elgoog"));
        assertThat(reversed.status()).isEqualTo(422);
        assertThat(reversed.body().path("errors").path("name").get(0).asString())
                .startsWith("must be one line");

        ApiResult nul = api.post("/api/v1/organizations", Map.of("name", "Acme", "slug", "acme\u0000"));
        assertThat(nul.status()).isEqualTo(422);
        assertThat(nul.body().path("error_code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(nul.body().path("errors").path("slug").get(0).asString())
                .isEqualTo("must not contain control characters");

        ApiResult number = api.postRaw("/api/v1/organizations", "{\"name\": 1e400}", "application/json");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.body().path("message").asString()).isEqualTo("Invalid value for field: name");

        assertThat(api.get("/api/v1/organizations").data()).isEmpty();
    }

    @Test
    void malformedJsonIs400InTheEnvelope() {
        ApiResult result = api.postRaw("/api/v1/organizations", "{\"name\":", "application/json");

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body().path("error_code").asString()).isEqualTo("MALFORMED_REQUEST");
        assertThat(result.raw()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void requestsWithoutOrWithBadTokensAre401InTheEnvelope() {
        ApiResult anonymous = ApiClient.at("http://localhost:" + port).get("/api/v1/organizations");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");

        String token = keycloak.login(user).accessToken();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertUnauthenticated(tampered);
        assertUnauthenticated(keycloak.tokenWithoutApiAudience().accessToken());

        String shortLived = keycloak.shortLivedToken(2).accessToken();
        ApiClient direct = ApiClient.at("http://localhost:" + port).withToken(shortLived);
        assertThat(direct.get("/api/v1/organizations").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> direct.get("/api/v1/organizations").status() == 401);
        assertUnauthenticated(shortLived);
    }

    private void assertUnauthenticated(String token) {
        ApiResult result =
                ApiClient.at("http://localhost:" + port).withToken(token).get("/api/v1/organizations");
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(result.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void accessApiAnswersOwnersPermissionsAndHidesOtherTenants() {
        String orgId = api.post("/api/v1/organizations", Map.of("name", "Access Co"))
                .data()
                .path("id")
                .asString();

        ApiResult mine = api.get("/internal/v1/organizations/" + orgId + "/access");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.data().path("role").asString()).isEqualTo("owner");
        assertThat(mine.data().path("permissions").toString()).contains("audit.read", "org.delete");
        assertThat(mine.data().path("plan").asString()).isEqualTo("free");

        TestUser stranger = keycloak.createUser();
        ApiResult theirs = ApiClient.at("http://localhost:" + port)
                .withToken(keycloak.login(stranger).accessToken())
                .get("/internal/v1/organizations/" + orgId + "/access");
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.body().path("error_code").asString()).isEqualTo("NOT_FOUND");
    }
}
