package com.chatbotsaas.platform.test.userorg;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * user-org-service's internal access API ({@code GET /internal/v1/organizations/{org}/access}) as a local HTTP server:
 * answers who may do what in which organization, on which plan, keyed by the bearer token the service under test
 * forwards. Tests register members with their role's permissions; anyone else is no member (404).
 */
public final class UserOrgStub implements AutoCloseable {

    private static final Set<String> ALL = Set.of(
            "org.read",
            "org.update",
            "org.delete",
            "members.read",
            "members.manage",
            "roles.manage",
            "chatbots.read",
            "chatbots.write",
            "chatbots.delete",
            "knowledge.write",
            "conversations.read",
            "conversations.write",
            "audit.read",
            "audit.export",
            "webhooks.manage",
            "api_clients.manage");

    /**
     * The permissions of the system roles, as user-org-service grants them (its {@code RoleCatalogMatchesTestStubTest}
     * fails when the two part).
     */
    public static final Map<String, Set<String>> ROLES = Map.of(
            "owner",
            ALL,
            "admin",
            ALL.stream()
                    .filter(permission -> !permission.equals("org.delete"))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()),
            "member",
            Set.of(
                    "org.read",
                    "members.read",
                    "chatbots.read",
                    "chatbots.write",
                    "chatbots.delete",
                    "knowledge.write",
                    "conversations.read",
                    "conversations.write"),
            "viewer",
            Set.of("org.read", "members.read", "chatbots.read", "conversations.read"));

    private static final Pattern PATH = Pattern.compile("/internal/v1/organizations/([^/]+)/access");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Member(String role, Set<String> permissions) {}

    private record Plan(String name, @Nullable Map<String, Long> limits) {}

    private final HttpServer server;
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private volatile boolean unreachable;

    private UserOrgStub(HttpServer server) {
        this.server = server;
    }

    public static UserOrgStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            UserOrgStub stub = new UserOrgStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The holder of this token is a member of the organization with a system role. */
    public UserOrgStub member(String token, String organizationId, String role) {
        return grant(token, organizationId, role, ROLES.get(role));
    }

    /** The holder of this token is a member of the organization with exactly these permissions. */
    public UserOrgStub grant(String token, String organizationId, String role, Set<String> permissions) {
        members.put(token + "|" + organizationId, new Member(role, Set.copyOf(permissions)));
        return this;
    }

    /** The organization's plan and limits (-1 unlimited); {@code free} without limits unless set. */
    public UserOrgStub plan(String organizationId, String plan, @Nullable Map<String, Long> limits) {
        plans.put(organizationId, new Plan(plan, limits));
        return this;
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    /** Drops every connection without an answer, as a stopped or crashed service would. */
    public void unreachable(boolean unreachable) {
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
            return;
        }
        if (!matcher.matches() || auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, Map.of("success", false, "error_code", "UNAUTHENTICATED"));
            return;
        }
        String org = matcher.group(1);
        Member member = members.get(auth.substring("Bearer ".length()) + "|" + org);
        if (member == null) {
            respond(exchange, 404, Map.of("success", false, "error_code", "NOT_FOUND"));
            return;
        }
        Plan plan = plans.getOrDefault(org, new Plan("free", null));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organization_id", org);
        data.put("user_id", "member");
        data.put("role", member.role());
        data.put("permissions", List.copyOf(member.permissions()));
        data.put("organization_status", "active");
        data.put("plan", plan.name());
        if (plan.limits() != null) {
            data.put("limits", plan.limits());
        }
        respond(exchange, 200, Map.of("success", true, "message", "Access retrieved", "data", data));
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
