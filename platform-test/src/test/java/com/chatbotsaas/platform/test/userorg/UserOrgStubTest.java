package com.chatbotsaas.platform.test.userorg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UserOrgStubTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final UserOrgStub stub = UserOrgStub.start();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aMemberGetsTheRolesPermissionsOnTheFreePlan() throws Exception {
        stub.member("alice", "org-1", "viewer");

        HttpResponse<String> response = access("org-1", "alice");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = JsonMapper.shared().readTree(response.body()).path("data");
        assertThat(data.path("organization_id").asString()).isEqualTo("org-1");
        assertThat(data.path("role").asString()).isEqualTo("viewer");
        assertThat(data.path("permissions").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrderElementsOf(UserOrgStub.ROLES.get("viewer"));
        assertThat(data.path("plan").asString()).isEqualTo("free");
        assertThat(data.has("limits")).isFalse();
    }

    @Test
    void aLaterGrantOrPlanReplacesWhatTheMemberGot() throws Exception {
        stub.member("alice", "org-1", "viewer");
        stub.grant("alice", "org-1", "custom", Set.of("org.read", "audit.read"));
        stub.plan("org-1", "pro", Map.of("chatbots", 10L));

        JsonNode data =
                JsonMapper.shared().readTree(access("org-1", "alice").body()).path("data");

        assertThat(data.path("role").asString()).isEqualTo("custom");
        assertThat(data.path("permissions").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("org.read", "audit.read");
        assertThat(data.path("plan").asString()).isEqualTo("pro");
        assertThat(data.path("limits").path("chatbots").asLong()).isEqualTo(10);
    }

    @Test
    void anyoneElseIsNoMemberAndNoTokenIsUnauthenticated() throws Exception {
        stub.member("alice", "org-1", "owner");

        assertThat(access("org-2", "alice").statusCode()).isEqualTo(404);
        assertThat(access("org-1", "bob").statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = access("org-1", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error_code\":\"UNAUTHENTICATED\"");
    }

    @Test
    void failsAndDropsConnectionsUntilToldOtherwise() throws Exception {
        stub.member("alice", "org-1", "owner");

        stub.failing(true);
        assertThat(access("org-1", "alice").statusCode()).isEqualTo(500);
        stub.unreachable(true);
        assertThatIOException().isThrownBy(() -> access("org-1", "alice"));
        stub.unreachable(false);
        assertThat(access("org-1", "alice").statusCode()).isEqualTo(500);
        stub.failing(false);
        assertThat(access("org-1", "alice").statusCode()).isEqualTo(200);
        stub.failing(false);
    }

    private HttpResponse<String> access(String organizationId, @Nullable String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(stub.url() + "/internal/v1/organizations/" + organizationId + "/access"))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
