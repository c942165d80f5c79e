package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an attacker inside a tenant tries, through the gateway as any client would (see {@code docs/security.md}):
 * raising their own role, acting on the owner, adding people without their consent, renaming other people, and
 * sending the stored engine key to a host of their choice. Each probe is refused and changes nothing.
 */
class SecurityProbesIT {

    private static ApiClient gateway;
    private static ApiClient owner;
    private static String ownerId;
    private static ApiClient admin;
    private static String adminId;
    private static String orgId;

    @BeforeAll
    static void organizationWithAnOwnerAndAnAdmin() {
        gateway = ApiClient.at(Suite.get().gatewayUrl());
        owner = People.signUp(gateway, People.email("owner"));
        ownerId = owner.get("/api/v1/users/me").data().path("id").asString();
        orgId = owner.post("/api/v1/organizations", Map.of("name", "Probed Co"))
                .data()
                .path("id")
                .asString();
        String adminEmail = People.email("admin");
        admin = People.signUpAndVerify(gateway, adminEmail);
        People.join(owner, orgId, admin, adminEmail, "admin");
        adminId = admin.get("/api/v1/users/me").data().path("id").asString();
    }

    @Test
    void anAdminNeitherRaisesThemselfNorActsOnTheOwner() {
        String members = "/api/v1/organizations/" + orgId + "/members/";

        expectForbidden(admin.patch(members + adminId, Map.of("role", "owner")));
        expectForbidden(admin.patch(members + ownerId, Map.of("role", "viewer")));
        expectForbidden(
                admin.patch("/api/v1/organizations/" + orgId + "/users/" + ownerId, Map.of("status", "suspended")));
        expectForbidden(admin.delete(members + ownerId));

        assertThat(owner.get("/api/v1/organizations/" + orgId)
                        .data()
                        .path("role")
                        .asString())
                .isEqualTo("owner");
        assertThat(admin.get("/api/v1/organizations/" + orgId)
                        .data()
                        .path("role")
                        .asString())
                .isEqualTo("admin");
    }

    @Test
    void registrationLeavesTheEmailUnverifiedAndAddingAPersonOnlyInvitesThem() {
        String carolEmail = People.email("carol");
        ApiClient carol = People.signUp(gateway, carolEmail);
        String carolId = carol.get("/api/v1/users/me").data().path("id").asString();
        assertThat(carol.get("/api/v1/auth/me").data().path("email_verified").asBoolean())
                .isFalse();

        ApiResult added = admin.post(
                "/api/v1/organizations/" + orgId + "/members", Map.of("email", carolEmail, "role", "member"));

        assertThat(added.status()).as(added.toString()).isEqualTo(202);
        assertThat(added.raw()).doesNotContain(carolId);
        assertThat(carol.get("/api/v1/organizations/" + orgId).status()).isIn(403, 404);
        assertThat(admin.get("/api/v1/organizations/" + orgId + "/members").raw())
                .doesNotContain(carolEmail);
    }

    @Test
    void anAdminCannotRenameAnotherPerson() {
        String owners = "/api/v1/organizations/" + orgId + "/users/" + ownerId;

        expectForbidden(admin.patch(owners, Map.of("name", "Renamed By Admin")));

        assertThat(owner.get("/api/v1/users/me").data().path("name").asString()).isEqualTo("Flow User");
    }

    @Test
    void theStoredEngineKeyDoesNotFollowANewBaseUrl() {
        String bots = "/api/v1/organizations/" + orgId + "/chatbots";
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("type", "openai");
        engine.put("base_url", "https://1.1.1.1/v1");
        engine.put("model", "test-model");
        engine.put("api_key", "sk-stored-probe");
        ApiResult created = owner.post(bots, Map.of("name", "Keyed", "engine", engine));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String bot = bots + "/" + created.data().path("id").asString();

        ApiResult moved = admin.patch(
                bot, Map.of("engine", Map.of("type", "openai", "base_url", "https://8.8.8.8/v1", "model", "m")));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(422);
        assertThat(owner.get(bot).data().path("engine").path("base_url").asString())
                .isEqualTo("https://1.1.1.1/v1");
    }

    private static void expectForbidden(ApiResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(403);
        assertThat(result.body().path("success").asBoolean()).isFalse();
    }
}
