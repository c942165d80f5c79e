package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two people, one organization: an invitation by email, its acceptance, and a role change that another service
 * (audit-service, which caches permission answers) honours within the eviction time, well before the cache expires.
 */
class TenancyFlowIT {

    @Test
    void invitedUserJoinsAndTheirAccessFollowsRoleChanges() {
        Suite suite = Suite.get();
        ApiClient gateway = ApiClient.at(suite.gatewayUrl());
        ApiClient alice = People.signUp(gateway, People.email("alice"));
        String bobEmail = People.email("bob");
        // Accepting an invitation needs a verified email: Bob follows the link the suite sends him first.
        ApiClient bob = People.signUpAndVerify(gateway, bobEmail);

        String orgId = alice.post("/api/v1/organizations", Map.of("name", "Flow Co"))
                .data()
                .path("id")
                .asString();
        People.join(alice, orgId, bob, bobEmail, "member");
        assertThat(bob.get("/api/v1/organizations/" + orgId).data().path("role").asString())
                .isEqualTo("member");

        String auditLogs = "/api/v1/organizations/" + orgId + "/audit-logs";
        assertThat(bob.get(auditLogs).status()).isEqualTo(403);
        assertThat(bob.get("/api/v1/organizations/" + orgId + "/members").status())
                .isEqualTo(200);

        String bobId = bob.get("/api/v1/users/me").data().path("id").asString();
        ApiResult promoted =
                alice.patch("/api/v1/organizations/" + orgId + "/members/" + bobId, Map.of("role", "admin"));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);

        // audit-service cached "member" a moment ago; the member.update event evicts it (the cache lives 60 s).
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> bob.get(auditLogs).status() == 200);

        alice.patch("/api/v1/organizations/" + orgId + "/members/" + bobId, Map.of("role", "viewer"));
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> bob.get(auditLogs).status() == 403);
        assertThat(bob.post(
                                "/api/v1/organizations/" + orgId + "/invitations",
                                Map.of("email", "x@example.test", "role", "viewer"))
                        .status())
                .isEqualTo(403);
    }
}
