package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two people, one organization: an invitation by email, its acceptance, and a role change that another service
 * (audit-service, which caches permission answers) honours within the eviction time, well before the cache expires.
 */
class TenancyFlowIT {

    private static final String PASSWORD = "tenancy flow password";

    @Test
    void invitedUserJoinsAndTheirAccessFollowsRoleChanges() {
        Suite suite = Suite.get();
        ApiClient gateway = ApiClient.at(suite.gatewayUrl());
        ApiClient alice = signUp(gateway, "alice");
        String bobEmail = "bob-" + UUID.randomUUID() + "@example.test";
        // Accepting an invitation needs a verified email: Bob follows the link the suite sends him first.
        ApiClient bob = signUpAndVerify(gateway, bobEmail);

        String orgId = alice.post("/api/v1/organizations", Map.of("name", "Flow Co"))
                .data()
                .path("id")
                .asString();
        String token;
        try (EventProbe notifications = EventProbe.listenToNotifications("notification.invitation")) {
            ApiResult invited = alice.post(
                    "/api/v1/organizations/" + orgId + "/invitations", Map.of("email", bobEmail, "role", "member"));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            token = notifications
                    .await(m -> bobEmail.equals(m.data().path("email").asString()), Duration.ofSeconds(30))
                    .data()
                    .path("token")
                    .asString();
        }
        ApiResult accepted = bob.post("/api/v1/invitations/" + token + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
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

    /**
     * Registers, takes the verification token from the message notification-service turns into the email's link
     * ({@code /email/verify?token=…}), verifies it through the gateway and signs in again: the new token carries
     * {@code email_verified: true}.
     */
    private static ApiClient signUpAndVerify(ApiClient gateway, String email) {
        ApiClient unverified;
        String token;
        try (EventProbe notifications = EventProbe.listenToNotifications("auth.email.verification_requested")) {
            unverified = signUp(gateway, email);
            token = notifications
                    .await(m -> email.equals(m.data().path("email").asString()), Duration.ofSeconds(30))
                    .data()
                    .path("token")
                    .asString();
        }
        // Signed in, as a user who opens the link from the console is; the route is public as well.
        ApiResult verified = unverified.post("/api/v1/auth/email/verify", Map.of("token", token));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        ApiClient client = signIn(gateway, email);
        assertThat(client.get("/api/v1/auth/me").data().path("email_verified").asBoolean())
                .isTrue();
        return client;
    }

    private static ApiClient signUp(ApiClient gateway, String nameOrEmail) {
        String email =
                nameOrEmail.contains("@") ? nameOrEmail : nameOrEmail + "-" + UUID.randomUUID() + "@example.test";
        ApiResult registered = gateway.post(
                "/api/v1/auth/register",
                Map.of("name", "Flow User", "email", email, "password", PASSWORD, "password_confirmation", PASSWORD));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return signIn(gateway, email);
    }

    private static ApiClient signIn(ApiClient gateway, String email) {
        ApiResult login = gateway.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return gateway.withToken(login.data().path("access_token").asString());
    }
}
