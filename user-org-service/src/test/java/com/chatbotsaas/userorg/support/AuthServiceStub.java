package com.chatbotsaas.userorg.support;

import com.chatbotsaas.platform.test.keycloak.Jwts;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * auth-service's internal account API as a local HTTP server, backed by the real test Keycloak: accounts it creates
 * can log in. It accepts only user-org-service's own client-credentials token, as the real one must.
 */
public final class AuthServiceStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final KeycloakTestClient keycloak;
    private final List<String> callers = new CopyOnWriteArrayList<>();

    public AuthServiceStub(KeycloakTestClient keycloak) {
        this.keycloak = keycloak;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/v1/users", this::createUser);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The {@code azp} of every token that called, in order. */
    public List<String> callers() {
        return callers;
    }

    private void createUser(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String azp = authorization == null
                ? ""
                : Jwts.payload(authorization.substring("Bearer ".length()))
                        .path("azp")
                        .asString();
        callers.add(azp);
        if (!"user-org-service".equals(azp)) {
            respond(exchange, 403, Map.of("success", false, "error_code", "FORBIDDEN"));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        try {
            TestUser user = keycloak.createUser(
                    body.path("email").asString(),
                    body.path("name").asString(),
                    body.path("password").asString());
            respond(
                    exchange,
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
            respond(
                    exchange,
                    taken ? 409 : 422,
                    Map.of("success", false, "error_code", taken ? "CONFLICT" : "VALIDATION_ERROR"));
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
