package com.chatbotsaas.platform.test.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users and tokens of the test realm, the way the services get them: users created through the admin REST API with
 * the {@code auth-service} service account (as auth-service does), user tokens from the password grant on
 * auth-service's confidential client (the public client {@code chatbot-saas-web} does not allow it), service tokens
 * from the client-credentials grant.
 *
 * <pre>
 * KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
 * TestUser user = keycloak.createUser();
 * Tokens tokens = keycloak.login(user);
 * </pre>
 */
public final class KeycloakTestClient {

    public static final String WEB_CLIENT = "chatbot-saas-web";
    public static final String API_AUDIENCE = "chatbot-saas-api";
    /** The client users log in through: auth-service's own, which also manages users. */
    public static final String LOGIN_CLIENT = "auth-service";

    private static final String ADMIN_CLIENT = "auth-service";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final KeycloakTestServer server;
    private final CachedToken authServiceToken = new CachedToken(() -> clientCredentials(ADMIN_CLIENT));
    private final CachedToken masterAdminToken = new CachedToken(this::masterAdminLogin);

    private KeycloakTestClient(KeycloakTestServer server) {
        this.server = server;
    }

    public static KeycloakTestClient of(KeycloakTestServer server) {
        return new KeycloakTestClient(server);
    }

    /**
     * The secret of a confidential client of the test realm: {@code <CLIENT_ID>_CLIENT_SECRET} (e.g.
     * {@code AUTH_SERVICE_CLIENT_SECRET}) when set, else the development value {@code <client-id>-dev-secret}. The
     * test Keycloak imports the realm with these, and the services under test get theirs.
     */
    public static String clientSecret(String clientId) {
        String variable = clientId.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? clientId + "-dev-secret" : value;
    }

    /** A new enabled user with a unique {@code user-<uuid>@example.test}, a name and a random password. */
    public TestUser createUser() {
        String unique = UUID.randomUUID().toString();
        return createUser(
                "user-" + unique + "@example.test", "Test User " + unique.substring(0, 8), "pw-" + UUID.randomUUID());
    }

    /** Creates the user as auth-service does: username = email, verified email, full name as first name. */
    public TestUser createUser(String email, String name, String password) {
        Map<String, Object> user = Map.of(
                "username",
                email,
                "email",
                email,
                "emailVerified",
                true,
                "firstName",
                name,
                "enabled",
                true,
                "credentials",
                List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> response = send(adminRequest("/users")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(user))));
        expectStatus(response, 201, "create user " + email);
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("Keycloak created a user but sent no Location"));
        return new TestUser(location.substring(location.lastIndexOf('/') + 1), email, name, password);
    }

    /**
     * Grants a realm role (e.g. {@code platform-admin}); tokens issued afterwards carry it. Uses the master realm's
     * bootstrap admin: role mapping needs the role's id, and reading roles is beyond auth-service's rights.
     */
    public void grantRealmRole(TestUser user, String role) {
        String bootstrapAdmin = masterAdminToken.get();
        HttpResponse<String> roleResponse =
                send(adminRequest("/roles/" + encode(role), bootstrapAdmin).GET());
        expectStatus(roleResponse, 200, "read realm role " + role);
        HttpResponse<String> response =
                send(adminRequest("/users/" + user.id() + "/role-mappings/realm", bootstrapAdmin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[" + roleResponse.body() + "]")));
        expectStatus(response, 204, "grant realm role " + role + " to " + user.email());
    }

    /** The password grant on auth-service's client, as the auth-service login does. */
    public Tokens login(TestUser user) {
        return login(user.email(), user.password());
    }

    public Tokens login(String email, String password) {
        return token(Map.of(
                "grant_type",
                "password",
                "client_id",
                LOGIN_CLIENT,
                "client_secret",
                clientSecret(LOGIN_CLIENT),
                "username",
                email,
                "password",
                password));
    }

    public Tokens refresh(String refreshToken) {
        return token(Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                LOGIN_CLIENT,
                "client_secret",
                clientSecret(LOGIN_CLIENT),
                "refresh_token",
                refreshToken));
    }

    /** A service's own token, with the secret the realm was imported with (see {@link #clientSecret(String)}). */
    public Tokens clientCredentials(String clientId) {
        return clientCredentials(clientId, clientSecret(clientId));
    }

    public Tokens clientCredentials(String clientId, String clientSecret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret));
    }

    private Tokens token(Map<String, String> form) {
        return token(server.tokenEndpoint(), form);
    }

    /**
     * A correctly signed client-credentials token of a test-only client that lacks the API audience: what a token
     * issued to some other application of the realm looks like. The client is created on first use.
     */
    public Tokens tokenWithoutApiAudience() {
        return testClientToken("test-no-api-audience", List.of("basic", "profile", "email", "roles"), null);
    }

    /** A correctly signed token with the API audience that expires after the given number of seconds. */
    public Tokens shortLivedToken(int lifespanSeconds) {
        return testClientToken(
                "test-short-lived-" + lifespanSeconds,
                List.of("basic", "profile", "email", "roles", "chatbot-saas-api-audience"),
                lifespanSeconds);
    }

    private Tokens testClientToken(String clientId, List<String> scopes, @Nullable Integer lifespanSeconds) {
        String secret = clientId + "-secret";
        String admin = masterAdminToken.get();
        HttpResponse<String> existing = send(
                adminRequest("/clients?clientId=" + encode(clientId), admin).GET());
        expectStatus(existing, 200, "look up client " + clientId);
        if (JsonMapper.shared().readTree(existing.body()).isEmpty()) {
            Map<String, Object> client = new java.util.LinkedHashMap<>();
            client.put("clientId", clientId);
            client.put("enabled", true);
            client.put("publicClient", false);
            client.put("secret", secret);
            client.put("serviceAccountsEnabled", true);
            client.put("standardFlowEnabled", false);
            client.put("directAccessGrantsEnabled", false);
            client.put("defaultClientScopes", scopes);
            if (lifespanSeconds != null) {
                client.put("attributes", Map.of("access.token.lifespan", String.valueOf(lifespanSeconds)));
            }
            HttpResponse<String> created = send(adminRequest("/clients", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            JsonMapper.shared().writeValueAsString(client))));
            if (created.statusCode() != 201 && created.statusCode() != 409) {
                expectStatus(created, 201, "create test client " + clientId);
            }
        }
        return clientCredentials(clientId, secret);
    }

    private Tokens masterAdminLogin() {
        return token(
                server.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        KeycloakTestServer.ADMIN_USERNAME,
                        "password",
                        KeycloakTestServer.ADMIN_PASSWORD));
    }

    private static Tokens token(String endpoint, Map<String, String> form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))));
        expectStatus(response, 200, form.get("grant_type") + " grant for client " + form.get("client_id"));
        JsonNode body = JsonMapper.shared().readTree(response.body());
        JsonNode refreshToken = body.path("refresh_token");
        return new Tokens(
                body.path("access_token").asString(),
                refreshToken.isString() ? refreshToken.asString() : null,
                body.path("expires_in").asLong(),
                body.path("refresh_expires_in").asLong());
    }

    /** Admin API calls go through the auth-service service account: what passes here passes for auth-service. */
    private HttpRequest.Builder adminRequest(String path) {
        return adminRequest(path, authServiceToken.get());
    }

    private HttpRequest.Builder adminRequest(String path, String accessToken) {
        return HttpRequest.newBuilder(URI.create(server.adminUrl() + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during a Keycloak request", e);
        }
    }

    private static void expectStatus(HttpResponse<String> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    "Keycloak refused: " + what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An access token reused until shortly before it expires. */
    private static final class CachedToken {

        private final Supplier<Tokens> fetch;
        private @Nullable String accessToken;
        private Instant renewAt = Instant.MIN;

        CachedToken(Supplier<Tokens> fetch) {
            this.fetch = fetch;
        }

        synchronized String get() {
            if (accessToken == null || Instant.now().isAfter(renewAt)) {
                Tokens tokens = fetch.get();
                accessToken = tokens.accessToken();
                // Renew early so that a request never carries a token that expires in flight.
                renewAt = Instant.now().plusSeconds(Math.max(0, tokens.expiresInSeconds() - 30));
            }
            return accessToken;
        }
    }
}
