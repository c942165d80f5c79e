package com.chatbotsaas.userorg.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.chatbotsaas.userorg.support.Tenants;
import com.chatbotsaas.userorg.support.Tenants.Actor;
import com.chatbotsaas.userorg.support.UserOrgIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invitations carry an inviter's text to any address, so each organization's plan caps them and each address. */
class InvitationLimitsIT extends UserOrgIntegrationTest {

    private Tenants tenants;
    private Actor owner;
    private String orgId;
    private String invitations;

    @BeforeEach
    void organization() {
        tenants = new Tenants(port);
        owner = tenants.user();
        orgId = tenants.organization(owner);
        invitations = "/api/v1/organizations/" + orgId + "/invitations";
    }

    @Test
    void theFreePlanHoldsAtMost200PendingInvitations() throws Exception {
        seedPendingInvitations(199);
        assertThat(invite("two-hundredth").status()).isEqualTo(201);

        ApiResult refused = invite("two-hundred-first");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.body().path("error_code").asString()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(TestInfrastructure.get()
                        .queryForLong(
                                "select count(*) from user_org.invitations where organization_id = ?::uuid", orgId))
                .isEqualTo(200);

        String pending = owner.api().get(invitations).data().get(0).path("id").asString();
        assertThat(owner.api().delete(invitations + "/" + pending).status()).isEqualTo(204);
        assertThat(invite("after-a-revocation").status()).isEqualTo(201);
    }

    @Test
    void anAddressReceivesAtMostThreeInvitationsADayFromAnOrganization() {
        String email = "target-" + UUID.randomUUID() + "@example.test";
        for (int i = 0; i < 3; i++) {
            ApiResult invited = owner.api().post(invitations, Map.of("email", email, "role", "member"));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            assertThat(owner.api()
                            .delete(invitations + "/"
                                    + invited.data().path("id").asString())
                            .status())
                    .isEqualTo(204);
        }

        ApiResult refused = owner.api().post(invitations, Map.of("email", email.toUpperCase(), "role", "member"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.body().path("error_code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(owner.api().get(invitations).data()).isEmpty();
        assertThat(invite("someone-else").status()).isEqualTo(201);
        String otherOrg = "/api/v1/organizations/" + tenants.organization(owner) + "/invitations";
        assertThat(owner.api()
                        .post(otherOrg, Map.of("email", email, "role", "member"))
                        .status())
                .isEqualTo(201);
    }

    private ApiResult invite(String who) {
        return owner.api()
                .post(invitations, Map.of("email", who + "-" + UUID.randomUUID() + "@example.test", "role", "member"));
    }

    /** Pending invitations written straight into the table, older than any made through the API. */
    private void seedPendingInvitations(int count) throws Exception {
        try (Connection connection = TestInfrastructure.get().adminConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into user_org.invitations
                          (id, organization_id, email, role, token_hash, invited_by, expires_at, created_at)
                        values (?, ?, ?, 'member', ?, ?, now() + interval '7 days', now() - interval '1 hour')""")) {
            for (int i = 0; i < count; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.fromString(orgId));
                insert.setString(3, "seeded-" + i + "-" + UUID.randomUUID() + "@example.test");
                insert.setString(4, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""));
                insert.setObject(5, UUID.fromString(owner.id()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
