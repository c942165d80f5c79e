package com.chatbotsaas.notification.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * user-org-service's internal access API as a local HTTP server: the test says which token holds which permissions in
 * which organization.
 */
public final class UserOrgStub {

    private static final Pattern PATH = Pattern.compile("/internal/v1/organizations/([^/]+)/access");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();

    public UserOrgStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void grant(String token, String organizationId, Set<String> permissions) {
        grants.put(token + "|" + organizationId, permissions);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (!matcher.matches() || auth == null) {
            respond(exchange, 401, Map.of("success", false, "error_code", "UNAUTHENTICATED"));
            return;
        }
        String org = matcher.group(1);
        Set<String> permissions = grants.get(auth.substring("Bearer ".length()) + "|" + org);
        if (permissions == null) {
            respond(exchange, 404, Map.of("success", false, "error_code", "NOT_FOUND"));
            return;
        }
        respond(
                exchange,
                200,
                Map.of(
                        "success",
                        true,
                        "message",
                        "Access retrieved",
                        "data",
                        Map.of(
                                "organization_id", org,
                                "user_id", "someone",
                                "role", "admin",
                                "permissions", permissions,
                                "organization_status", "active",
                                "plan", "free")));
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
