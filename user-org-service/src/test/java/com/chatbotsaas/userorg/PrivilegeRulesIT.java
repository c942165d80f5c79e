package com.chatbotsaas.userorg;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.userorg.support.Tenants;
import com.chatbotsaas.userorg.support.Tenants.Actor;
import com.chatbotsaas.userorg.support.UserOrgIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nobody grants a permission they do not hold (directly or through a role), nobody changes their own role, and only
 * owners act on owners. Every refused probe is a 403 that changes nothing.
 */
class PrivilegeRulesIT extends UserOrgIntegrationTest {

    private Tenants tenants;
    private Actor owner;
    private String orgId;

    @BeforeEach
    void organization() {
        tenants = new Tenants(port);
        owner = tenants.user();
        orgId = tenants.organization(owner);
    }

    @Test
    void aMemberManagerCannotGrantPermissionsTheyLackDirectlyOrThroughARole() {
        String roles = "/api/v1/organizations/" + orgId + "/roles";
        String staffRoleId = owner.api()
                .post(roles, Map.of("name", "staff", "permissions", List.of("org.read", "members.read")))
                .data()
                .path("id")
                .asString();
        ApiResult hrRole = owner.api()
                .post(
                        roles,
                        Map.of(
                                "name",
                                "hr",
                                "permissions",
                                List.of("org.read", "members.read", "members.manage", "roles.manage")));
        assertThat(hrRole.status()).as(hrRole.toString()).isEqualTo(201);
        Actor hr = tenants.user();
        tenants.join(owner, orgId, hr, "hr");
        Actor staff = tenants.user();
        tenants.join(owner, orgId, staff, "staff");
        String members = "/api/v1/organizations/" + orgId + "/members";

        expectForbidden(hr.api().patch(members + "/" + staff.id(), Map.of("role", "admin")));
        expectForbidden(
                hr.api().patch("/api/v1/organizations/" + orgId + "/users/" + staff.id(), Map.of("role", "member")));
        expectForbidden(hr.api()
                .post(
                        "/api/v1/organizations/" + orgId + "/invitations",
                        Map.of("email", "x-" + UUID.randomUUID() + "@example.test", "role", "admin")));
        String password = "a fine password";
        expectForbidden(hr.api()
                .post(
                        "/api/v1/organizations/" + orgId + "/users",
                        Map.of(
                                "name",
                                "Made Admin",
                                "email",
                                "made-" + UUID.randomUUID() + "@example.test",
                                "password",
                                password,
                                "password_confirmation",
                                password,
                                "role",
                                "admin")));
        expectForbidden(
                hr.api().post(roles, Map.of("name", "auditor", "permissions", List.of("org.read", "audit.read"))));
        expectForbidden(hr.api()
                .patch(roles + "/" + staffRoleId, Map.of("permissions", List.of("org.read", "webhooks.manage"))));
        expectForbidden(hr.api().delete(roles + "/" + staffRoleId + "?reassign_to=admin"));

        assertThat(roleOf(staff)).isEqualTo("staff");
        assertThat(owner.api().get(roles).data().findValuesAsString("name")).doesNotContain("auditor");
        for (var role : owner.api().get(roles).data()) {
            if (role.path("name").asString().equals("staff")) {
                assertThat(role.path("permissions").toString()).doesNotContain("webhooks.manage");
            }
        }

        // What they hold themselves they may hand on.
        ApiResult narrower =
                hr.api().post(roles, Map.of("name", "reader", "permissions", List.of("org.read", "members.read")));
        assertThat(narrower.status()).as(narrower.toString()).isEqualTo(201);
        assertThat(hr.api()
                        .patch(members + "/" + staff.id(), Map.of("role", "reader"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void nobodyChangesTheirOwnRole() {
        Actor admin = tenants.user();
        tenants.join(owner, orgId, admin, "admin");
        String self = "/api/v1/organizations/" + orgId + "/members/" + admin.id();

        expectForbidden(admin.api().patch(self, Map.of("role", "member")));
        expectForbidden(
                admin.api().patch("/api/v1/organizations/" + orgId + "/users/" + admin.id(), Map.of("role", "viewer")));
        assertThat(roleOf(admin)).isEqualTo("admin");
    }

    @Test
    void onlyOwnersActOnOwners() {
        Actor coOwner = tenants.user();
        tenants.join(owner, orgId, coOwner, "owner");
        Actor admin = tenants.user();
        tenants.join(owner, orgId, admin, "admin");
        String member = "/api/v1/organizations/" + orgId + "/members/" + coOwner.id();
        String user = "/api/v1/organizations/" + orgId + "/users/" + coOwner.id();

        expectForbidden(admin.api().patch(member, Map.of("role", "viewer")));
        expectForbidden(admin.api().patch(user, Map.of("status", "suspended")));
        expectForbidden(admin.api().delete(user));
        expectForbidden(admin.api().delete(member));
        ApiResult still = owner.api().get(user);
        assertThat(still.data().path("role").asString()).isEqualTo("owner");
        assertThat(still.data().path("status").asString()).isEqualTo("active");

        assertThat(owner.api().patch(user, Map.of("status", "suspended")).status())
                .isEqualTo(200);
    }

    private String roleOf(Actor actor) {
        return owner.api()
                .get("/api/v1/organizations/" + orgId + "/users/" + actor.id())
                .data()
                .path("role")
                .asString();
    }

    private static void expectForbidden(ApiResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(403);
        assertThat(result.body().path("error_code").asString()).isEqualTo("FORBIDDEN");
    }
}
