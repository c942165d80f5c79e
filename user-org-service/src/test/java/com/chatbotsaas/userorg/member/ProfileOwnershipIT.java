package com.chatbotsaas.userorg.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.userorg.support.Tenants;
import com.chatbotsaas.userorg.support.Tenants.Actor;
import com.chatbotsaas.userorg.support.UserOrgIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An account's profile is its owner's: administrators manage the membership, the user alone their name and locale. */
class ProfileOwnershipIT extends UserOrgIntegrationTest {

    @Test
    void anAdministratorManagesTheMembershipButCannotChangeTheUsersProfile() {
        Tenants tenants = new Tenants(port);
        Actor owner = tenants.user();
        String orgId = tenants.organization(owner);
        Actor member = tenants.user();
        tenants.join(owner, orgId, member, "member");
        String user = "/api/v1/organizations/" + orgId + "/users/" + member.id();
        String name = member.api().get("/api/v1/users/me").data().path("name").asString();

        for (Map<String, String> change : java.util.List.of(
                Map.of("name", "Renamed By Admin"),
                Map.of("name", "Renamed By Admin", "status", "suspended"),
                Map.of("locale", "fr"))) {
            ApiResult refused = owner.api().patch(user, change);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.body().path("error_code").asString()).isEqualTo("FORBIDDEN");
        }
        ApiResult me = member.api().get("/api/v1/users/me");
        assertThat(me.data().path("name").asString()).isEqualTo(name);
        assertThat(me.data().path("locale").asString()).isNotEqualTo("fr");
        assertThat(owner.api().get(user).data().path("status").asString()).isEqualTo("active");

        ApiResult suspended = owner.api().patch(user, Map.of("status", "suspended", "role", "viewer"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.data().path("role").asString()).isEqualTo("viewer");
        assertThat(suspended.data().path("name").asString()).isEqualTo(name);

        ApiResult renamed = member.api().patch("/api/v1/users/me", Map.of("name", "My Own Name"));
        assertThat(renamed.data().path("name").asString()).isEqualTo("My Own Name");
    }
}
