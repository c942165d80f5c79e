package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayIT extends GatewayIntegrationTest {

    private static final String ORG = "/api/v1/organizations/0199e0a0-0000-7000-8000-000000000001";

    @Test
    void routesEveryServiceByPathWithAValidToken() {
        ApiClient api = gateway().withToken(userToken());

        for (String path : new String[] {
            "/api/v1/organizations",
            ORG,
            ORG + "/members",
            ORG + "/roles",
            ORG + "/invitations",
            ORG + "/users",
            "/api/v1/users/me",
            "/api/v1/permissions",
            "/api/v1/auth/me",
            "/api/v1/auth/sessions",
            ORG + "/api-clients",
            ORG + "/chatbots",
            ORG + "/chatbots/x/knowledge",
            ORG + "/chatbots/x/conversations/c/messages",
            ORG + "/chatbots/x/conversations/c/stream",
            ORG + "/audit-logs",
            ORG + "/audit-logs/export",
            ORG + "/webhooks",
            "/api/v1/notifications"
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
        for (String path : new String[] {
            "/api/v1/auth/login",
            "/api/v1/auth/register",
            "/api/v1/auth/refresh",
            "/api/v1/auth/password/forgot",
            "/api/v1/auth/password/reset",
            "/api/v1/auth/email/verify",
            "/api/v1/public/chatbots/pk_123/conversations"
        }) {
            // One client address per path: together they exceed the credentials bucket of one address.
            assertThat(gatewayFrom(randomClientIp()).post(path, Map.of()).status())
                    .as(path)
                    .isEqualTo(200);
        }

        ApiResult refused = gateway().withHeader("X-Request-Id", "anon-1").get("/api/v1/organizations");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("success").asBoolean()).isFalse();
        assertThat(refused.body().path("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(refused.body().path("request_id").asString()).isEqualTo("anon-1");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void neverRoutesInternalPathsAndAnswersUnknownPathsWith404Envelope() {
        ApiClient api = gateway().withToken(userToken());

        for (String path : new String[] {
            "/internal/v1/organizations/0199e0a0-0000-7000-8000-000000000001/access",
            "/api/v1/internal/anything",
            "/api/v1/nothing-here"
        }) {
            ApiResult result = api.get(path);
            assertThat(result.status()).as(path).isEqualTo(404);
            assertThat(result.body().path("error_code").asString()).isEqualTo("NOT_FOUND");
            assertThat(result.raw()).doesNotContain("Exception");
        }
    }

    @Test
    void operatorRoutesNeedThePlatformAdminRole() {
        var user = keycloak.createUser();
        ApiResult member =
                gateway().withToken(keycloak.login(user).accessToken()).get("/api/v1/admin/audit-logs");
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.body().path("error_code").asString()).isEqualTo("FORBIDDEN");

        keycloak.grantRealmRole(user, "platform-admin");
        ApiClient operator = gateway().withToken(keycloak.login(user).accessToken());
        assertThat(operator.get("/api/v1/admin/audit-logs").status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/admin/organizations").status()).isEqualTo(200);
    }

    @Test
    void propagatesAValidRequestIdAndReplacesAnInvalidOne() {
        ApiClient api = gateway().withToken(userToken());

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
}
