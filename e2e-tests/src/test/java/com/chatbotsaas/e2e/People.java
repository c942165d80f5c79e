package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** People who sign up through the gateway, as a client does: register, verify the email if asked, sign in. */
final class People {

    static final String PASSWORD = "end to end password";

    private People() {}

    /** A unique address: {@code <name>-<uuid>@example.test}. */
    static String email(String name) {
        return name + "-" + UUID.randomUUID() + "@example.test";
    }

    /** Registers and signs in; the email stays unverified. */
    static ApiClient signUp(ApiClient gateway, String email) {
        ApiResult registered = gateway.post(
                "/api/v1/auth/register",
                Map.of("name", "Flow User", "email", email, "password", PASSWORD, "password_confirmation", PASSWORD));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return signIn(gateway, email);
    }

    /**
     * Registers, takes the verification token from the message notification-service turns into the email's link
     * ({@code /email/verify?token=…}), verifies it through the gateway and signs in again: the new token carries
     * {@code email_verified: true}.
     */
    static ApiClient signUpAndVerify(ApiClient gateway, String email) {
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

    static ApiClient signIn(ApiClient gateway, String email) {
        ApiResult login = gateway.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return gateway.withToken(login.data().path("access_token").asString());
    }

    /** Invites a verified person into the organization with a role, and has them accept. */
    static void join(ApiClient inviter, String orgId, ApiClient invitee, String inviteeEmail, String role) {
        String token;
        try (EventProbe notifications = EventProbe.listenToNotifications("notification.invitation")) {
            ApiResult invited = inviter.post(
                    "/api/v1/organizations/" + orgId + "/invitations", Map.of("email", inviteeEmail, "role", role));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            token = notifications
                    .await(m -> inviteeEmail.equals(m.data().path("email").asString()), Duration.ofSeconds(30))
                    .data()
                    .path("token")
                    .asString();
        }
        ApiResult accepted = invitee.post("/api/v1/invitations/" + token + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }
}
