package com.chatbotsaas.notification.inbox;

import static com.chatbotsaas.notification.support.Events.change;
import static com.chatbotsaas.notification.support.Events.data;
import static com.chatbotsaas.notification.support.Events.event;
import static com.chatbotsaas.notification.support.Events.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.notification.support.NotificationIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class InboxIT extends NotificationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void storesNotificationsFromEventsOnceAndListsThemNewestFirstWithAnUnreadFilter() {
        TestUser user = KEYCLOAK.createUser();
        ApiClient api = ApiClient.at("http://localhost:" + port)
                .withToken(KEYCLOAK.login(user).accessToken());
        UUID org = UUID.randomUUID();
        ObjectNode registered = event("auth.register.success");
        registered.put("actorid", user.id());
        data(registered)
                .put("resource_id", user.id())
                .put("email", user.email())
                .put("name", user.name());
        publish(registered);
        publish(registered);
        ObjectNode created = event("org.create.success");
        created.put("orgid", org.toString());
        data(created).put("resource_id", org.toString()).put("name", "Globex");
        publish(created);
        ObjectNode added = memberEvent("member.add", org, user.id());
        data(added).put("role", "member");
        publish(added);
        ObjectNode promoted = memberEvent("member.update", org, user.id());
        change(promoted, "role", "member", "admin");
        publish(promoted);

        await().atMost(WAIT).until(() -> api.get("/api/v1/notifications").data().size() == 3);
        ApiResult all = api.get("/api/v1/notifications");
        assertThat(all.data().findValuesAsString("type")).containsExactly("role-changed", "member-added", "welcome");
        assertThat(all.data().get(0).path("title").asString()).isEqualTo("Your role in Globex changed");
        assertThat(all.data().get(0).path("body").asString()).isEqualTo("Your role in Globex is now admin.");
        assertThat(all.data().get(0).path("organization_id").asString()).isEqualTo(org.toString());
        assertThat(all.data().get(0).path("read").asBoolean()).isFalse();
        JsonNode pagination = all.body().path("meta").path("pagination");
        assertThat(pagination.path("total").asInt()).isEqualTo(3);
        assertThat(all.body().path("meta").path("unread_count").asInt()).isEqualTo(3);

        ApiResult page2 = api.get("/api/v1/notifications?per_page=2&page=2");
        assertThat(page2.data().findValuesAsString("type")).containsExactly("welcome");
        assertThat(page2.body()
                        .path("meta")
                        .path("pagination")
                        .path("last_page")
                        .asInt())
                .isEqualTo(2);
        assertThat(api.get("/api/v1/notifications?per_page=101").status()).isEqualTo(422);

        String welcome = all.data().get(2).path("id").asString();
        try (EventProbe audit = EventProbe.listen("notification.read.*")) {
            ApiResult read = api.post("/api/v1/notifications/" + welcome + "/read", null);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.data().path("read").asBoolean()).isTrue();
            assertThat(read.data().path("read_at").isString()).isTrue();
            EventProbe.Received event =
                    audit.await(e -> welcome.equals(e.data().path("resource_id").asString()), WAIT);
            assertThat(EventContracts.violations(event.json())).isEmpty();
        }
        ApiResult unread = api.get("/api/v1/notifications?unread=true");
        assertThat(unread.data().findValuesAsString("type")).containsExactly("role-changed", "member-added");
        assertThat(unread.body().path("meta").path("unread_count").asInt()).isEqualTo(2);

        assertThat(api.get("/api/v1/notifications?unread").data()).hasSize(2);
        assertThat(api.get("/api/v1/notifications?unread=false").data()).hasSize(3);
        assertThat(api.get("/api/v1/notifications?unread=maybe").status()).isEqualTo(422);

        ApiResult readAll = api.post("/api/v1/notifications/read-all", null);
        assertThat(readAll.data().path("updated").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/notifications?unread=true").data()).isEmpty();
        assertThat(api.get("/api/v1/notifications").data()).hasSize(3);
    }

    @Test
    void nobodyReadsOrMarksAnotherUsersNotifications() {
        TestUser owner = KEYCLOAK.createUser();
        ObjectNode registered = event("auth.register.success");
        registered.put("actorid", owner.id());
        data(registered)
                .put("resource_id", owner.id())
                .put("email", owner.email())
                .put("name", owner.name());
        publish(registered);
        ApiClient ownerApi = ApiClient.at("http://localhost:" + port)
                .withToken(KEYCLOAK.login(owner).accessToken());
        await().atMost(WAIT)
                .until(() -> ownerApi.get("/api/v1/notifications").data().size() == 1);
        String id =
                ownerApi.get("/api/v1/notifications").data().get(0).path("id").asString();

        ApiClient other = ApiClient.at("http://localhost:" + port)
                .withToken(KEYCLOAK.login(KEYCLOAK.createUser()).accessToken());
        assertThat(other.get("/api/v1/notifications").data()).isEmpty();
        ApiResult foreign = other.post("/api/v1/notifications/" + id + "/read", null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().path("error_code").asString()).isEqualTo("NOT_FOUND");
        other.post("/api/v1/notifications/read-all", null);
        assertThat(ownerApi.get("/api/v1/notifications?unread=true").data()).hasSize(1);

        assertThat(ApiClient.at("http://localhost:" + port)
                        .get("/api/v1/notifications")
                        .status())
                .isEqualTo(401);
        assertThat(ownerApi.post("/api/v1/notifications/not-a-uuid/read", null).status())
                .isIn(400, 404, 422);
    }

    private static ObjectNode memberEvent(String action, UUID org, String userId) {
        ObjectNode event = event("org.create.success");
        event.put("type", "com.chatbotsaas." + action);
        event.put("orgid", org.toString());
        data(event).removeAll();
        data(event).put("resource_type", "membership").put("resource_id", userId);
        return event;
    }
}
