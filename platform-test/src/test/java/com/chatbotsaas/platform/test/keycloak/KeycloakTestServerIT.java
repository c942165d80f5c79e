package com.chatbotsaas.platform.test.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class KeycloakTestServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KeycloakTestServer server;
    private static KeycloakTestClient keycloak;

    @BeforeAll
    static void startKeycloak() {
        long start = System.nanoTime();
        server = KeycloakTestServer.ensureRunning();
        System.out.printf(
                "Keycloak at %s ready after %d ms%n", server.baseUrl(), (System.nanoTime() - start) / 1_000_000);
        keycloak = KeycloakTestClient.of(server);
    }

    @Test
    void reusesTheRunningServer() {
        long start = System.nanoTime();
        KeycloakTestServer again = KeycloakTestServer.ensureRunning();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(again.issuer()).isEqualTo(server.issuer());
    }

    @Test
    void passwordGrantGivesAnRs256TokenForTheApiWithTheUsersIdentity() {
        TestUser user = keycloak.createUser();

        Tokens tokens = keycloak.login(user);

        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(Jwts.header(tokens.accessToken()).path("alg").asString()).isEqualTo("RS256");
        JsonNode claims = tokens.accessTokenClaims();
        assertThat(claims.path("iss").asString())
                .isEqualTo("http://localhost:" + server.port() + "/realms/chatbot-saas");
        assertThat(audience(claims)).contains("chatbot-saas-api");
        assertThat(claims.path("sub").asString()).isEqualTo(user.id());
        assertThat(claims.path("email").asString()).isEqualTo(user.email());
        assertThat(claims.path("name").asString()).isEqualTo(user.name());
        assertThat(claims.path("preferred_username").asString()).isEqualTo(user.email());
        assertThat(claims.path("sid").asString()).isNotBlank();
        assertThat(claims.path("azp").asString()).isEqualTo(KeycloakTestClient.LOGIN_CLIENT);
        assertThat(claims.path("realm_access").path("roles").isArray()).isTrue();
    }

    @Test
    void refreshKeepsTheSession() {
        Tokens first = keycloak.login(keycloak.createUser());

        Tokens refreshed = keycloak.refresh(first.refreshToken());

        assertThat(refreshed.accessTokenClaims().path("sid").asString())
                .isEqualTo(first.accessTokenClaims().path("sid").asString());
        assertThat(audience(refreshed.accessTokenClaims())).contains("chatbot-saas-api");
    }

    @Test
    void wrongPasswordIsRefused() {
        TestUser user = keycloak.createUser();

        assertThatThrownBy(() -> keycloak.login(user.email(), "not-" + user.password()))
                .hasMessageContaining("invalid_grant");
    }

    @Test
    void platformAdminRoleReachesTheToken() {
        TestUser user = keycloak.createUser();

        keycloak.grantRealmRole(user, "platform-admin");

        assertThat(keycloak.login(user)
                        .accessTokenClaims()
                        .path("realm_access")
                        .path("roles")
                        .values())
                .extracting(JsonNode::asString)
                .contains("platform-admin");
    }

    @Test
    void aTakenEmailIsRefusedNamingKeycloaksAnswer() {
        TestUser user = keycloak.createUser();

        assertThatThrownBy(() -> keycloak.createUser(user.email(), "Someone Else", "pw-" + user.password()))
                .hasMessageContaining("Keycloak refused: create user " + user.email() + ": HTTP 409");
    }

    @Test
    void testClientsIssueTokensWithoutTheApiAudienceOrWithAShortLifespan() {
        JsonNode foreign = keycloak.tokenWithoutApiAudience().accessTokenClaims();
        assertThat(foreign.path("iss").asString()).isEqualTo(server.issuer());
        assertThat(audience(foreign)).doesNotContain("chatbot-saas-api");

        JsonNode shortLived = keycloak.shortLivedToken(7).accessTokenClaims();
        assertThat(audience(shortLived)).contains("chatbot-saas-api");
        assertThat(shortLived.path("exp").asLong() - shortLived.path("iat").asLong())
                .isEqualTo(7);
        // Created once: asking again reuses the client.
        assertThat(keycloak.shortLivedToken(7).accessToken()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"auth-service", "user-org-service", "chatbot-service", "audit-service", "notification-service"})
    void serviceTokensAreForTheApi(String clientId) {
        Tokens tokens = keycloak.clientCredentials(clientId);

        JsonNode claims = tokens.accessTokenClaims();
        assertThat(tokens.refreshToken()).isNull();
        assertThat(claims.path("iss").asString()).isEqualTo(server.issuer());
        assertThat(audience(claims)).contains("chatbot-saas-api");
        assertThat(claims.path("azp").asString()).isEqualTo(clientId);
        assertThat(claims.path("sub").asString()).isNotBlank();
    }

    @Test
    void thePublicClientRefusesThePasswordGrant() throws Exception {
        TestUser user = keycloak.createUser();

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.tokenEndpoint()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(
                                "grant_type",
                                "password",
                                "client_id",
                                KeycloakTestClient.WEB_CLIENT,
                                "username",
                                user.email(),
                                "password",
                                user.password())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unauthorized_client");
    }

    @Test
    void thePublicClientRedirectsOnlyToTheConsole() throws Exception {
        assertThat(authorizationRequest("http://localhost:3000/callback")).isEqualTo(200);
        assertThat(authorizationRequest("http://localhost:4444/callback")).isEqualTo(400);
        assertThat(authorizationRequest("http://127.0.0.1:3000/callback")).isEqualTo(400);
        assertThat(authorizationRequest("https://attacker.example/callback")).isEqualTo(400);
    }

    /** The status of the login page the public client's authorization request leads to. */
    private static int authorizationRequest(String redirectUri) throws Exception {
        String query = form(
                "client_id", KeycloakTestClient.WEB_CLIENT,
                "response_type", "code",
                "scope", "openid",
                "redirect_uri", redirectUri,
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "code_challenge_method", "S256");
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(server.issuer() + "/protocol/openid-connect/auth?" + query))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(i == 0 ? "" : "&")
                    .append(pairs[i])
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    @Test
    void theApiAudienceClientIssuesNoTokens() {
        assertThatThrownBy(() -> keycloak.clientCredentials("chatbot-saas-api", "anything"))
                .hasMessageContaining("HTTP 40");
    }

    private static List<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<String> values = new ArrayList<>();
        if (aud.isArray()) {
            aud.values().forEach(value -> values.add(value.asString()));
        } else if (aud.isString()) {
            values.add(aud.asString());
        }
        return values;
    }
}
