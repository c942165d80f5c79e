package com.chatbotsaas.userorg;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.userorg.support.Tenants;
import com.chatbotsaas.userorg.support.Tenants.Actor;
import com.chatbotsaas.userorg.support.UserOrgIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route under {@code /organizations/{orgId}}, found in the service's own handler mappings — so a new endpoint
 * cannot be missed: a member of another organization and a user with no membership get 404, a viewer attempting a
 * write gets 403, and the owner succeeds. A route without a sample below fails the test until one is written.
 */
class CrossTenantMatrixIT extends UserOrgIntegrationTest {

    private static final String PASSWORD = "matrix password 1";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Tenants tenants;
    private Actor owner;

    /** The call that exercises a route in an organization, with what it needs created first. */
    record Call(String method, String path, @Nullable Object body) {}

    record Fixture(Tenants tenants, Actor owner, String orgId) {

        String base() {
            return "/api/v1/organizations/" + orgId;
        }

        String newMember(String role) {
            Actor member = tenants.user();
            tenants.join(owner, orgId, member, role);
            return member.id();
        }

        String newRole() {
            return owner.api()
                    .post(base() + "/roles", Map.of("name", unique("role"), "permissions", List.of("org.read")))
                    .data()
                    .path("id")
                    .asString();
        }

        String newInvitation() {
            return owner.api()
                    .post(
                            base() + "/invitations",
                            Map.of("email", unique("invitee") + "@example.test", "role", "member"))
                    .data()
                    .path("id")
                    .asString();
        }
    }

    private static final Map<String, Function<Fixture, Call>> SAMPLES = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/v1/organizations/{orgId}", f -> new Call("GET", f.base(), null)),
            Map.entry(
                    "PATCH /api/v1/organizations/{orgId}", f -> new Call("PATCH", f.base(), Map.of("name", "Renamed"))),
            Map.entry("DELETE /api/v1/organizations/{orgId}", f -> new Call("DELETE", f.base(), null)),
            Map.entry("GET /api/v1/organizations/{orgId}/members", f -> new Call("GET", f.base() + "/members", null)),
            Map.entry(
                    "POST /api/v1/organizations/{orgId}/members",
                    f -> new Call(
                            "POST",
                            f.base() + "/members",
                            Map.of("email", f.tenants().user().user().email(), "role", "member"))),
            Map.entry(
                    "PATCH /api/v1/organizations/{orgId}/members/{userId}",
                    f -> new Call("PATCH", f.base() + "/members/" + f.newMember("member"), Map.of("role", "viewer"))),
            Map.entry(
                    "DELETE /api/v1/organizations/{orgId}/members/{userId}",
                    f -> new Call("DELETE", f.base() + "/members/" + f.newMember("member"), null)),
            Map.entry(
                    "POST /api/v1/organizations/{orgId}/users",
                    f -> new Call(
                            "POST",
                            f.base() + "/users",
                            Map.of(
                                    "name",
                                    "Matrix User",
                                    "email",
                                    unique("created") + "@example.test",
                                    "password",
                                    PASSWORD,
                                    "password_confirmation",
                                    PASSWORD))),
            Map.entry(
                    "GET /api/v1/organizations/{orgId}/users/{userId}",
                    f -> new Call("GET", f.base() + "/users/" + f.owner().id(), null)),
            Map.entry(
                    "PATCH /api/v1/organizations/{orgId}/users/{userId}",
                    f -> new Call(
                            "PATCH", f.base() + "/users/" + f.newMember("member"), Map.of("status", "suspended"))),
            Map.entry(
                    "DELETE /api/v1/organizations/{orgId}/users/{userId}",
                    f -> new Call("DELETE", f.base() + "/users/" + f.newMember("member"), null)),
            Map.entry("GET /api/v1/organizations/{orgId}/roles", f -> new Call("GET", f.base() + "/roles", null)),
            Map.entry(
                    "POST /api/v1/organizations/{orgId}/roles",
                    f -> new Call(
                            "POST",
                            f.base() + "/roles",
                            Map.of("name", unique("role"), "permissions", List.of("chatbots.read")))),
            Map.entry(
                    "PATCH /api/v1/organizations/{orgId}/roles/{roleId}",
                    f -> new Call("PATCH", f.base() + "/roles/" + f.newRole(), Map.of("description", "changed"))),
            Map.entry(
                    "DELETE /api/v1/organizations/{orgId}/roles/{roleId}",
                    f -> new Call("DELETE", f.base() + "/roles/" + f.newRole(), null)),
            Map.entry(
                    "GET /api/v1/organizations/{orgId}/invitations",
                    f -> new Call("GET", f.base() + "/invitations", null)),
            Map.entry(
                    "POST /api/v1/organizations/{orgId}/invitations",
                    f -> new Call(
                            "POST",
                            f.base() + "/invitations",
                            Map.of("email", unique("invitee") + "@example.test", "role", "viewer"))),
            Map.entry(
                    "DELETE /api/v1/organizations/{orgId}/invitations/{invitationId}",
                    f -> new Call("DELETE", f.base() + "/invitations/" + f.newInvitation(), null))));

    @Test
    void everyOrganizationRouteHidesOtherTenantsDeniesWrongRolesAndAdmitsTheOwner() {
        tenants = new Tenants(port);
        owner = tenants.user();
        Actor outsider = tenants.user();
        tenants.organization(outsider);
        Actor stranger = tenants.user();
        Actor viewer = tenants.user();

        List<String> routes = organizationRoutes();
        assertThat(routes).as("organization routes found").hasSizeGreaterThanOrEqualTo(SAMPLES.size());
        List<String> problems = new ArrayList<>();
        for (String route : routes) {
            Function<Fixture, Call> sample = SAMPLES.get(route);
            if (sample == null) {
                problems.add(route + ": no sample in CrossTenantMatrixIT.SAMPLES");
                continue;
            }
            String orgId = tenants.organization(owner);
            tenants.join(owner, orgId, viewer, "viewer");
            Call call = sample.apply(new Fixture(tenants, owner, orgId));

            expect(problems, route, "member of another organization", send(outsider.api(), call), 404);
            expect(problems, route, "user with no membership", send(stranger.api(), call), 404);
            if (!call.method().equals("GET")) {
                expect(problems, route, "viewer", send(viewer.api(), call), 403);
            }
            ApiResult allowed = send(owner.api(), call);
            if (allowed.status() / 100 != 2) {
                problems.add(route + ": owner got " + allowed);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The routes that name an organization, as "METHOD pattern"; each must declare its permission. */
    private List<String> organizationRoutes() {
        List<String> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/v1/organizations/{orgId}")) {
                    continue;
                }
                assertThat(entry.getValue().getMethod().getAnnotation(RequiresPermission.class))
                        .as(pattern + " must declare @RequiresPermission")
                        .isNotNull();
                entry.getKey().getMethodsCondition().getMethods().forEach(m -> routes.add(m.name() + " " + pattern));
            }
        }
        return routes;
    }

    private static ApiResult send(ApiClient api, Call call) {
        return switch (call.method()) {
            case "GET" -> api.get(call.path());
            case "POST" -> api.post(call.path(), call.body());
            case "PATCH" -> api.patch(call.path(), call.body());
            case "DELETE" -> api.delete(call.path());
            default -> throw new IllegalArgumentException(call.method());
        };
    }

    private static void expect(List<String> problems, String route, String who, ApiResult result, int status) {
        if (result.status() != status) {
            problems.add(route + ": " + who + " expected " + status + " got " + result);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
