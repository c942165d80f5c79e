package com.chatbotsaas.auth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Fixtures of the auth-service tests. Each client gets its own address (sent as the gateway would, in
 * {@code X-Forwarded-For}), so the per-address login throttle of one test never meets another's failures; every
 * password and token they see is remembered for the leak scan.
 */
public final class AuthTests {

    private static final AtomicInteger ADDRESSES =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(63_750));

    private AuthTests() {}

    public static KeycloakTestClient keycloak() {
        return KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
    }

    /** A client of the service on the port, from an address of its own. */
    public static ApiClient client(int port) {
        return ApiClient.at("http://localhost:" + port).withHeader("X-Forwarded-For", nextAddress());
    }

    /** A documentation-range address (198.18.0.0/15) no other client of this run uses. */
    public static String nextAddress() {
        int n = Math.floorMod(ADDRESSES.incrementAndGet(), 63_750);
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    public static String email() {
        return "auth-" + UUID.randomUUID() + "@example.test";
    }

    /** A fresh, recognisable password, remembered as a secret. */
    public static String password() {
        return SuiteRecorder.secret("pw-" + UUID.randomUUID());
    }

    public static Map<String, String> registration(String email, String password) {
        return Map.of("name", "Ada Lovelace", "email", email, "password", password, "password_confirmation", password);
    }

    /** Registers through the API; returns the user's id. */
    public static String register(ApiClient api, String email, String password) {
        ApiResult registered = api.post("/api/v1/auth/register", registration(email, password));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.data().path("user").path("id").asString();
    }

    /** Logs in through the API; returns the envelope's data with the tokens (remembered as secrets). */
    public static JsonNode login(ApiClient api, String email, String password) {
        ApiResult login = api.post("/api/v1/auth/login", Map.of("email", email, "password", password));
        assertThat(login.status()).as("login of %s: %s", email, login.status()).isEqualTo(200);
        return tokens(login.data());
    }

    /** Remembers the tokens of a login or refresh answer as secrets. */
    public static JsonNode tokens(JsonNode data) {
        SuiteRecorder.secret(data.path("access_token").asString());
        SuiteRecorder.secret(data.path("refresh_token").asString());
        return data;
    }
}
