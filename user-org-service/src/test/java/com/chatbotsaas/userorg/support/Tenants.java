package com.chatbotsaas.userorg.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Fixtures for tenancy tests: users with their API client, organizations, memberships — all through the API. */
public final class Tenants {

    public static final KeycloakTestClient KEYCLOAK = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());

    private final String baseUrl;

    public Tenants(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** A signed-in user whose profile exists in the service. */
    public Actor user() {
        TestUser user = KEYCLOAK.createUser();
        return signIn(user);
    }

    public Actor signIn(TestUser user) {
        ApiClient api = ApiClient.at(baseUrl).withToken(KEYCLOAK.login(user).accessToken());
        assertThat(api.get("/api/v1/users/me").status()).isEqualTo(200);
        return new Actor(user, api);
    }

    public Actor platformAdmin() {
        TestUser user = KEYCLOAK.createUser();
        KEYCLOAK.grantRealmRole(user, "platform-admin");
        return signIn(user);
    }

    public String organization(Actor owner) {
        ApiResult created = owner.api()
                .post(
                        "/api/v1/organizations",
                        Map.of("name", "Org " + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asString();
    }

    /** The member joins as people do: invited by email, accepting with their own login. */
    public void join(Actor inviter, String orgId, Actor member, String role) {
        String token = invite(inviter, orgId, member.user().email(), role);
        ApiResult accepted = member.api().post("/api/v1/invitations/" + token + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** Invites the email and answers the token its invitation message carries. */
    public String invite(Actor inviter, String orgId, String email, String role) {
        try (EventProbe notifications = EventProbe.listenToNotifications("notification.invitation")) {
            ApiResult invited = inviter.api()
                    .post("/api/v1/organizations/" + orgId + "/invitations", Map.of("email", email, "role", role));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            String invitationId = invited.data().path("id").asString();
            return notifications
                    .await(
                            m -> invitationId.equals(
                                    m.data().path("invitation_id").asString()),
                            Duration.ofSeconds(20))
                    .data()
                    .path("token")
                    .asString();
        }
    }

    /**
     * A signed-in user whose email is not verified: what anyone can be who registers an address they do not own, where
     * registration does not verify it.
     */
    public Actor unverifiedUser() {
        TestUser user = KEYCLOAK.createUser();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(KeycloakTestServer.ensureRunning().adminUrl() + "/users/" + user.id()))
                .header(
                        "Authorization",
                        "Bearer " + KEYCLOAK.clientCredentials("auth-service").accessToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"emailVerified\":false}"))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Actor actor = signIn(user);
        assertThat(KEYCLOAK.login(user)
                        .accessTokenClaims()
                        .path("email_verified")
                        .asBoolean())
                .isFalse();
        return actor;
    }

    /** A user and the API client that carries their token. */
    public record Actor(TestUser user, ApiClient api) {

        public String id() {
            return user.id();
        }
    }
}
