package com.chatbotsaas.platform.test.keycloak;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users and tokens of the test realm, the way the services get them: users created with Keycloak's admin client as
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

    /** One admin client per server and identity for the whole JVM: each holds a connection pool and its token. */
    private static final Map<String, Keycloak> ADMINS = new ConcurrentHashMap<>();

    private final KeycloakTestServer server;

    private KeycloakTestClient(KeycloakTestServer server) {
        this.server = server;
    }

    public static KeycloakTestClient of(KeycloakTestServer server) {
        return new KeycloakTestClient(server);
    }

    /** The services that have a confidential client of their own in the realm. */
    public static final List<String> SERVICE_CLIENTS = KeycloakInstance.SERVICE_CLIENTS;

    /**
     * The secret of a confidential client of the test realm: {@code <CLIENT_ID>_CLIENT_SECRET} (e.g.
     * {@code AUTH_SERVICE_CLIENT_SECRET}) when set, else the development value {@code <client-id>-dev-secret}. The
     * test Keycloak imports the realm with these, and the services under test get theirs.
     */
    public static String clientSecret(String clientId) {
        return KeycloakInstance.clientSecret(clientId);
    }

    /** A new enabled user with a unique {@code user-<uuid>@example.test}, a name and a random password. */
    public TestUser createUser() {
        String unique = UUID.randomUUID().toString();
        return createUser(
                "user-" + unique + "@example.test", "Test User " + unique.substring(0, 8), "pw-" + UUID.randomUUID());
    }

    /** Creates the user as auth-service does: username = email, verified email, full name as first name. */
    public TestUser createUser(String email, String name, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName(name);
        user.setEnabled(true);
        user.setCredentials(List.of(credential));
        try (Response response = asAuthService().users().create(user)) {
            expectStatus(response, 201, "create user " + email);
            return new TestUser(CreatedResponseUtil.getCreatedId(response), email, name, password);
        }
    }

    /**
     * Grants a realm role (e.g. {@code platform-admin}); tokens issued afterwards carry it. Uses the master realm's
     * bootstrap admin: role mapping needs the role's id, and reading roles is beyond auth-service's rights.
     */
    public void grantRealmRole(TestUser user, String role) {
        RealmResource realm = asBootstrapAdmin();
        call("grant realm role " + role + " to " + user.email(), () -> {
            RoleRepresentation representation = realm.roles().get(role).toRepresentation();
            realm.users().get(user.id()).roles().realmLevel().add(List.of(representation));
            return representation;
        });
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
        ClientsResource clients = asBootstrapAdmin().clients();
        if (call("look up client " + clientId, () -> clients.findByClientId(clientId))
                .isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setEnabled(true);
            client.setPublicClient(false);
            client.setSecret(secret);
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setDefaultClientScopes(scopes);
            if (lifespanSeconds != null) {
                client.setAttributes(Map.of("access.token.lifespan", String.valueOf(lifespanSeconds)));
            }
            try (Response created = clients.create(client)) {
                // 409: another test created it in the meantime.
                if (created.getStatus() != 409) {
                    expectStatus(created, 201, "create test client " + clientId);
                }
            }
        }
        return clientCredentials(clientId, secret);
    }

    /** The admin API as the auth-service service account: what passes here passes for auth-service. */
    private RealmResource asAuthService() {
        return adminClient(
                        ADMIN_CLIENT,
                        () -> KeycloakBuilder.builder()
                                .serverUrl(server.baseUrl())
                                .realm(server.realm())
                                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                                .clientId(ADMIN_CLIENT)
                                .clientSecret(clientSecret(ADMIN_CLIENT)))
                .realm(server.realm());
    }

    /** The admin API as the master realm's bootstrap admin, for what a service account may not do. */
    private RealmResource asBootstrapAdmin() {
        return adminClient(
                        "bootstrap-admin",
                        () -> KeycloakBuilder.builder()
                                .serverUrl(server.baseUrl())
                                .realm("master")
                                .grantType(OAuth2Constants.PASSWORD)
                                .clientId("admin-cli")
                                .username(KeycloakTestServer.ADMIN_USERNAME)
                                .password(KeycloakTestServer.ADMIN_PASSWORD))
                .realm(server.realm());
    }

    private Keycloak adminClient(String identity, Supplier<KeycloakBuilder> builder) {
        return ADMINS.computeIfAbsent(
                server.baseUrl() + "|" + identity,
                key -> builder.get()
                        .resteasyClient(ResteasyClientClassicProvider.createClientBuilder()
                                .connectTimeout(5, TimeUnit.SECONDS)
                                .readTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                                // The admin client's own provider, ahead of any other Jackson provider on a test
                                // classpath.
                                .register(JacksonProvider.class, 100)
                                .build())
                        .build());
    }

    /** An admin call whose refusal names what was refused and Keycloak's answer, and closes the response. */
    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            try (Response response = e.getResponse()) {
                throw refused(what, response);
            }
        }
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

    private static void expectStatus(Response response, int expected, String what) {
        if (response.getStatus() != expected) {
            throw refused(what, response);
        }
    }

    private static IllegalStateException refused(String what, Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new IllegalStateException("Keycloak refused: " + what + ": HTTP " + response.getStatus() + " " + body);
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
