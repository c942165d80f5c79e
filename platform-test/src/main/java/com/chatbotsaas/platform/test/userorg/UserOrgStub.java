package com.chatbotsaas.platform.test.userorg;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * user-org-service's internal access API ({@code GET /internal/v1/organizations/{org}/access}) as a WireMock server:
 * answers who may do what in which organization, on which plan, keyed by the bearer token the service under test
 * forwards. Tests register members with their role's permissions (one stub each); anyone else is no member (404),
 * a request without a bearer token 401.
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

    private static final String ACCESS = "/internal/v1/organizations/%s/access";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // Stub priorities (lower wins): an outage over everything, then members, then the refusals.
    private static final int OUTAGE = 1;
    private static final int MEMBER = 5;
    private static final int NO_MEMBER = 9;
    private static final int NO_TOKEN = 10;
    private static final UUID UNREACHABLE = UUID.nameUUIDFromBytes("unreachable".getBytes(StandardCharsets.UTF_8));
    private static final UUID FAILING = UUID.nameUUIDFromBytes("failing".getBytes(StandardCharsets.UTF_8));

    private record Member(String token, String organizationId, String role, Set<String> permissions) {}

    private record Plan(String name, @Nullable Map<String, Long> limits) {}

    private final WireMockServer server;
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    private UserOrgStub(WireMockServer server) {
        this.server = server;
    }

    public static UserOrgStub start() {
        WireMockServer server = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().notifier(new Slf4jNotifier(false)));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(NO_TOKEN).willReturn(error(401, "UNAUTHENTICATED")));
        server.stubFor(any(urlPathMatching(ACCESS.formatted("[^/]+")))
                .withHeader("Authorization", matching("Bearer .+"))
                .atPriority(NO_MEMBER)
                .willReturn(error(404, "NOT_FOUND")));
        return new UserOrgStub(server);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The holder of this token is a member of the organization with a system role (one of {@link #ROLES}). */
    public UserOrgStub member(String token, String organizationId, String role) {
        Set<String> permissions = ROLES.get(role);
        if (permissions == null) {
            throw new IllegalArgumentException("No system role " + role + "; system roles: " + ROLES.keySet());
        }
        return grant(token, organizationId, role, permissions);
    }

    /** The holder of this token is a member of the organization with exactly these permissions. */
    public UserOrgStub grant(String token, String organizationId, String role, Set<String> permissions) {
        Member member = new Member(token, organizationId, role, Set.copyOf(permissions));
        members.put(token + "|" + organizationId, member);
        stub(member);
        return this;
    }

    /** The organization's plan and limits (-1 unlimited); {@code free} without limits unless set. */
    public UserOrgStub plan(String organizationId, String plan, @Nullable Map<String, Long> limits) {
        plans.put(organizationId, new Plan(plan, limits));
        members.values().stream()
                .filter(member -> member.organizationId().equals(organizationId))
                .forEach(this::stub);
        return this;
    }

    public void failing(boolean failing) {
        outage(FAILING, failing, OUTAGE + 1, error(500, "INTERNAL_ERROR"));
    }

    /** Drops every connection without an answer, as a stopped or crashed service would. */
    public void unreachable(boolean unreachable) {
        outage(UNREACHABLE, unreachable, OUTAGE, aResponse().withFault(Fault.EMPTY_RESPONSE));
    }

    private void outage(UUID id, boolean on, int priority, ResponseDefinitionBuilder response) {
        if (on) {
            replace(id, any(anyUrl()).atPriority(priority).willReturn(response));
        } else {
            remove(id);
        }
    }

    /** One stub per member and organization, replaced when the member's grant or plan changes. */
    private void stub(Member member) {
        String org = member.organizationId();
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
        replace(
                UUID.nameUUIDFromBytes((member.token() + "|" + org).getBytes(StandardCharsets.UTF_8)),
                any(urlPathEqualTo(ACCESS.formatted(org)))
                        .withHeader("Authorization", equalTo("Bearer " + member.token()))
                        .atPriority(MEMBER)
                        .willReturn(json(200, Map.of("success", true, "message", "Access retrieved", "data", data))));
    }

    /** WireMock refuses a second stub with a taken id: the old one goes first. */
    private synchronized void replace(UUID id, MappingBuilder mapping) {
        remove(id);
        server.stubFor(mapping.withId(id));
    }

    private synchronized void remove(UUID id) {
        if (server.getStubMappings().stream().anyMatch(stub -> id.equals(stub.getId()))) {
            server.removeStub(id);
        }
    }

    private static ResponseDefinitionBuilder error(int status, String code) {
        return json(status, Map.of("success", false, "error_code", code));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(JSON.writeValueAsString(body));
    }

    @Override
    public void close() {
        server.stop();
    }
}
