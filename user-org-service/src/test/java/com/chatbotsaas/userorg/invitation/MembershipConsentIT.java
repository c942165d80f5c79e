package com.chatbotsaas.userorg.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.userorg.support.Tenants;
import com.chatbotsaas.userorg.support.Tenants.Actor;
import com.chatbotsaas.userorg.support.UserOrgIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nobody becomes a member without accepting, and adding someone tells the caller nothing about their account. */
class MembershipConsentIT extends UserOrgIntegrationTest {

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
    void addingAnExistingPersonInvitesThemAndAnswersAsForAnUnknownEmail() {
        Actor person = tenants.user();
        String members = "/api/v1/organizations/" + orgId + "/members";

        ApiResult known =
                owner.api().post(members, Map.of("email", person.user().email(), "role", "member"));
        ApiResult unknown = owner.api()
                .post(members, Map.of("email", "nobody-" + UUID.randomUUID() + "@example.test", "role", "member"));

        assertThat(known.status()).as(known.toString()).isEqualTo(202);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(202);
        assertThat(fieldNames(known)).isEqualTo(fieldNames(unknown));
        assertThat(known.body().path("message").asString())
                .isEqualTo(unknown.body().path("message").asString());
        assertThat(known.data().path("status").asString()).isEqualTo("pending");
        assertThat(known.raw()).doesNotContain(person.user().name()).doesNotContain(person.id());
        assertThat(owner.api()
                        .get("/api/v1/organizations/" + orgId + "/users/" + person.id())
                        .status())
                .isEqualTo(404);
        assertThat(person.api().get("/api/v1/organizations").data()).isEmpty();
        assertThat(owner.api()
                        .get("/api/v1/organizations/" + orgId + "/invitations")
                        .data()
                        .findValuesAsString("email"))
                .contains(person.user().email().toLowerCase(java.util.Locale.ROOT));

        ApiResult byId = owner.api().post(members, Map.of("user_id", person.id(), "role", "member"));
        assertThat(byId.status()).as(byId.toString()).isEqualTo(422);
        assertThat(byId.raw()).doesNotContain(person.user().email());
    }

    @Test
    void anUnverifiedAccountCannotAcceptAnInvitationToItsEmail() {
        Actor squatter = tenants.unverifiedUser();
        String token = tenants.invite(owner, orgId, squatter.user().email(), "member");

        ApiResult refused = squatter.api().post("/api/v1/invitations/" + token + "/accept", null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.body().path("error_code").asString()).isEqualTo("FORBIDDEN");
        assertThat(refused.body().path("message").asString()).containsIgnoringCase("verif");
        assertThat(squatter.api().get("/api/v1/organizations").data()).isEmpty();
        assertThat(owner.api()
                        .get("/api/v1/organizations/" + orgId + "/invitations")
                        .data())
                .hasSize(1);
    }

    private static List<String> fieldNames(ApiResult result) {
        List<String> names = new ArrayList<>();
        result.data().propertyNames().forEach(names::add);
        return names;
    }
}
