package com.chatbotsaas.userorg.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.chatbotsaas.platform.test.keycloak.Jwts;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * auth-service's internal account API as a WireMock server, backed by the real test Keycloak: accounts it creates can
 * log in. It accepts only user-org-service's own client-credentials token, as the real one must.
 */
public final class AuthServiceStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNTS = "/internal/v1/users";

    private final WireMockServer server;

    public AuthServiceStub(KeycloakTestClient keycloak) {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .notifier(new Slf4jNotifier(false))
                .extensions(new KeycloakAccounts(keycloak)));
        server.start();
        server.stubFor(post(urlPathEqualTo(ACCOUNTS)).willReturn(aResponse().withTransformers(KeycloakAccounts.NAME)));
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The {@code azp} of every token that called, oldest first. */
    public List<String> callers() {
        return server.getAllServeEvents().reversed().stream()
                .map(event -> callerOf(event.getRequest()))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String callerOf(Request request) {
        String authorization = request.getHeader("Authorization");
        return authorization == null || !authorization.startsWith("Bearer ")
                ? ""
                : Jwts.payload(authorization.substring("Bearer ".length()))
                        .path("azp")
                        .asString();
    }

    /** Creates the requested account in Keycloak and answers as auth-service does: 201, 409 for a taken email, 422. */
    private static final class KeycloakAccounts implements ResponseDefinitionTransformerV2 {

        static final String NAME = "keycloak-accounts";

        private final KeycloakTestClient keycloak;

        KeycloakAccounts(KeycloakTestClient keycloak) {
            this.keycloak = keycloak;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            if (!"user-org-service".equals(callerOf(request))) {
                return json(403, Map.of("success", false, "error_code", "FORBIDDEN"));
            }
            JsonNode body = JSON.readTree(request.getBodyAsString());
            try {
                TestUser user = keycloak.createUser(
                        body.path("email").asString(),
                        body.path("name").asString(),
                        body.path("password").asString());
                return json(
                        201,
                        Map.of(
                                "success",
                                true,
                                "message",
                                "Account created",
                                "data",
                                Map.of("id", user.id(), "name", user.name(), "email", user.email())));
            } catch (IllegalStateException e) {
                boolean taken = e.getMessage() != null && e.getMessage().contains("409");
                return json(
                        taken ? 409 : 422,
                        Map.of("success", false, "error_code", taken ? "CONFLICT" : "VALIDATION_ERROR"));
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }

        private static ResponseDefinition json(int status, Object body) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body))
                    .build();
        }
    }
}
