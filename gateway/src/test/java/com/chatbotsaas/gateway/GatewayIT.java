package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@PlatformIntegrationTest
class GatewayIT {

    private static final KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
    private static final EchoUpstream upstream = start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("AUTH_SERVICE_URL", upstream::url);
        registry.add("USER_ORG_SERVICE_URL", upstream::url);
        registry.add("CHATBOT_SERVICE_URL", upstream::url);
        registry.add("AUDIT_SERVICE_URL", upstream::url);
        // Nothing listens there: the gateway must say so in the envelope.
        registry.add("NOTIFICATION_SERVICE_URL", () -> "http://127.0.0.1:" + EchoUpstream.unusedPort());
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void routesEveryServiceByPathWithAValidToken() {
        ApiClient api =
                gateway().withToken(keycloak.login(keycloak.createUser()).accessToken());

        for (String path : new String[] {
            "/api/v1/organizations",
            "/api/v1/organizations/0199e0a0-0000-7000-8000-000000000001",
            "/api/v1/organizations/0199e0a0-0000-7000-8000-000000000001/members",
            "/api/v1/users/me",
            "/api/v1/auth/me",
            "/api/v1/organizations/0199e0a0-0000-7000-8000-000000000001/chatbots/x/conversations",
            "/api/v1/organizations/0199e0a0-0000-7000-8000-000000000001/audit-logs",
            "/api/v1/organizations/0199e0a0-0000-7000-8000-000000000001/api-clients"
        }) {
            ApiResult routed = api.get(path);
            assertThat(routed.status()).as(path).isEqualTo(200);
            assertThat(routed.body().path("path").asString()).isEqualTo(path);
            assertThat(routed.body().path("headers").path("authorization").asString())
                    .startsWith("Bearer ");
        }
    }

    @Test
    void publicRoutesNeedNoTokenAndOthersAnswer401InTheEnvelope() {
        assertThat(gateway().post("/api/v1/auth/login", Map.of()).status()).isEqualTo(200);
        assertThat(gateway().post("/api/v1/auth/register", Map.of()).status()).isEqualTo(200);

        ApiResult anonymous = gateway().withHeader("X-Request-Id", "anon-1").get("/api/v1/organizations");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("success").asBoolean()).isFalse();
        assertThat(anonymous.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.body().path("request_id").asString()).isEqualTo("anon-1");
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void rejectsForgedTokensTokensForAnotherAudienceAndExpiredTokens() {
        String valid = keycloak.login(keycloak.createUser()).accessToken();
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLW9mLXNvbWVvbmUtZWxzZQ";
        assertUnauthenticated(forged);
        assertUnauthenticated(keycloak.tokenWithoutApiAudience().accessToken());

        String shortLived = keycloak.shortLivedToken(2).accessToken();
        assertThat(gateway().withToken(shortLived).get("/api/v1/organizations").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> gateway()
                                .withToken(shortLived)
                                .get("/api/v1/organizations")
                                .status()
                        == 401);
        assertUnauthenticated(shortLived);
    }

    @Test
    void neverRoutesInternalPathsAndAnswersUnknownPathsWith404Envelope() {
        ApiClient api =
                gateway().withToken(keycloak.login(keycloak.createUser()).accessToken());

        for (String path : new String[] {
            "/internal/v1/organizations/0199e0a0-0000-7000-8000-000000000001/access", "/api/v1/nothing-here"
        }) {
            ApiResult result = api.get(path);
            assertThat(result.status()).as(path).isEqualTo(404);
            assertThat(result.body().path("error_code").asString()).isEqualTo("NOT_FOUND");
            assertThat(result.raw()).doesNotContain("Exception");
        }
    }

    @Test
    void propagatesAValidRequestIdAndReplacesAnInvalidOne() {
        ApiClient api =
                gateway().withToken(keycloak.login(keycloak.createUser()).accessToken());

        ApiResult kept = api.withHeader("X-Request-Id", "client-id.1_ok").get("/api/v1/organizations");
        assertThat(kept.header("X-Request-Id")).isEqualTo("client-id.1_ok");
        assertThat(kept.headers().get("x-request-id")).hasSize(1);
        assertThat(kept.body().path("headers").path("x-request-id").asString()).isEqualTo("client-id.1_ok");

        ApiResult replaced = api.withHeader("X-Request-Id", "not valid!").get("/api/v1/organizations");
        String generated = replaced.header("X-Request-Id");
        assertThat(generated).isNotEqualTo("not valid!").matches("[A-Za-z0-9._-]{1,64}");
        assertThat(replaced.body().path("headers").path("x-request-id").asString())
                .isEqualTo(generated);
    }

    @Test
    void unreachableServiceIs503InTheEnvelope() {
        ApiResult result = gateway()
                .withToken(keycloak.login(keycloak.createUser()).accessToken())
                .get("/api/v1/notifications");

        assertThat(result.status()).isEqualTo(503);
        assertThat(result.body().path("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    private void assertUnauthenticated(String token) {
        ApiResult result = gateway().withToken(token).get("/api/v1/organizations");
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(result.header("WWW-Authenticate")).contains("invalid_token");
    }

    private ApiClient gateway() {
        return ApiClient.at("http://localhost:" + port);
    }

    private static EchoUpstream start() {
        try {
            return new EchoUpstream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
