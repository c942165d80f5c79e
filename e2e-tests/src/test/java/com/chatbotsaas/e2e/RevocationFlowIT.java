package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Through the whole suite: logging out, signing out another session and changing the password end the old access
 * tokens at once, not at expiry; removing a member ends their access to the organization at once, while their token
 * stays good for the rest of their account.
 */
class RevocationFlowIT {

    private static final Logger log = LoggerFactory.getLogger(RevocationFlowIT.class);

    @Test
    void logoutAndPasswordChangeEndTheOldAccessTokensThroughTheGateway() {
        ApiClient gateway = ApiClient.at(Suite.get().gatewayUrl());
        String email = People.email("revoked");
        People.signUp(gateway, email);

        // Logout: the session's access token is refused, though it has minutes left.
        ApiResult session = login(gateway, email, People.PASSWORD);
        ApiClient loggedOut =
                gateway.withToken(session.data().path("access_token").asString());
        assertThat(loggedOut.get("/api/v1/auth/me").status()).isEqualTo(200);
        ApiResult logout = loggedOut.post(
                "/api/v1/auth/logout",
                Map.of("refresh_token", session.data().path("refresh_token").asString()));
        assertThat(logout.status()).as(logout.toString()).isIn(200, 204);
        log.info("Logged-out token refused after {} ms", awaitRefused(loggedOut));

        // Password change from one device: the other device's access token is refused too.
        ApiClient laptop = withToken(gateway, login(gateway, email, People.PASSWORD));
        ApiClient phone = withToken(gateway, login(gateway, email, People.PASSWORD));
        ApiResult changed = laptop.post(
                "/api/v1/auth/password/change",
                Map.of(
                        "current_password",
                        People.PASSWORD,
                        "password",
                        "a new end to end password",
                        "password_confirmation",
                        "a new end to end password"));
        assertThat(changed.status()).as(changed.toString()).isIn(200, 204);
        log.info("The other device's token refused after {} ms", awaitRefused(phone));
        assertThat(login(gateway, email, "a new end to end password").status()).isEqualTo(200);
    }

    @Test
    void aRevokedSessionAndARemovedMemberLoseAccessAtOnce() {
        ApiClient gateway = ApiClient.at(Suite.get().gatewayUrl());
        String email = People.email("two-devices");
        People.signUp(gateway, email);

        // Signing out another session from the account page: that session's access token is refused.
        ApiClient desk = withToken(gateway, login(gateway, email, People.PASSWORD));
        ApiClient tablet = withToken(gateway, login(gateway, email, People.PASSWORD));
        assertThat(tablet.get("/api/v1/auth/me").status()).isEqualTo(200);
        // The tablet's own session, as its account page shows it (signing up opened a third one).
        String tabletSession = null;
        for (var one : tablet.get("/api/v1/auth/sessions").data()) {
            if (one.path("current").asBoolean()) {
                tabletSession = one.path("id").asString();
            }
        }
        assertThat(tabletSession)
                .as("the tablet's session is listed as current")
                .isNotNull();
        ApiResult revoked = desk.delete("/api/v1/auth/sessions/" + tabletSession);
        assertThat(revoked.status()).as(revoked.toString()).isIn(200, 204);
        log.info("The revoked session's token refused after {} ms", awaitRefused(tablet));
        assertThat(desk.get("/api/v1/auth/me").status()).isEqualTo(200);

        // A removed member: the organization's routes answer 404 at once; their own account still answers.
        ApiClient owner = People.signUpAndVerify(gateway, People.email("owner"));
        String org = owner.post("/api/v1/organizations", Map.of("name", "Revoking Co"))
                .data()
                .path("id")
                .asString();
        String memberEmail = People.email("member");
        ApiClient member = People.signUpAndVerify(gateway, memberEmail);
        People.join(owner, org, member, memberEmail, "member");
        String chatbots = "/api/v1/organizations/" + org + "/chatbots";
        assertThat(member.get(chatbots).status()).isEqualTo(200);
        String memberId = member.get("/api/v1/auth/me").data().path("id").asString();
        ApiResult removed = owner.delete("/api/v1/organizations/" + org + "/members/" + memberId);
        assertThat(removed.status()).as(removed.toString()).isIn(200, 204);
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> member.get(chatbots).status() == 404); // as for an organization one is not in
        log.info(
                "The removed member's organization calls refused after {} ms",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertThat(member.get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    private static ApiResult login(ApiClient gateway, String email, String password) {
        ApiResult login = gateway.post("/api/v1/auth/login", Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login;
    }

    private static ApiClient withToken(ApiClient gateway, ApiResult login) {
        return gateway.withToken(login.data().path("access_token").asString());
    }

    /** Generous bound (a shared build machine); the measured time is logged. */
    private static long awaitRefused(ApiClient client) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.get("/api/v1/auth/me").status() == 401);
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
