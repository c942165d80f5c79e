package com.chatbotsaas.userorg.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.keycloak.TestUser;
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

    public void join(Actor owner, String orgId, Actor member, String role) {
        ApiResult added = owner.api()
                .post(
                        "/api/v1/organizations/" + orgId + "/members",
                        Map.of("email", member.user().email(), "role", role));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
    }

    /** A user and the API client that carries their token. */
    public record Actor(TestUser user, ApiClient api) {

        public String id() {
            return user.id();
        }
    }
}
