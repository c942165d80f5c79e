package com.chatbotsaas.audit.log;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * user-org-service's internal access API as a local HTTP server: answers who may do what in which organization, keyed
 * by the bearer token the service forwards (the test registers tokens with their grants).
 */
final class UserOrgStub implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/internal/v1/organizations/([^/]+)/access");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static UserOrgStub shared;

    private final HttpServer server;
    private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private volatile boolean unreachable;

    UserOrgStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** One stub for every test class, so that they all share one application context. */
    static synchronized UserOrgStub shared() {
        if (shared == null) {
            try {
                shared = new UserOrgStub();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The holder of this token is a member of the organization with these permissions. */
    void grant(String token, String organizationId, Set<String> permissions) {
        grants.put(token + "|" + organizationId, permissions);
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    /** Drops every connection without an answer, as a stopped or crashed service would. */
    void unreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (unreachable) {
            exchange.close();
            return;
        }
        if (failing) {
            respond(exchange, 500, Map.of("success", false, "error_code", "INTERNAL_ERROR"));
        } else if (!matcher.matches() || auth == null) {
            respond(exchange, 401, Map.of("success", false, "error_code", "UNAUTHENTICATED"));
        } else {
            String org = matcher.group(1);
            Set<String> permissions = grants.get(auth.substring("Bearer ".length()) + "|" + org);
            if (permissions == null) {
                respond(exchange, 404, Map.of("success", false, "error_code", "NOT_FOUND"));
            } else {
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
                                        "role", "custom",
                                        "permissions", permissions,
                                        "organization_status", "active",
                                        "plan", "free")));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
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
