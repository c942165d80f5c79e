package com.chatbotsaas.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.notification.support.NotificationIntegrationTest;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook may be set up before its receiver's DNS is: a host that does not resolve yet is accepted with a warning
 * (deliveries check it again and retry), while a private address is still refused when the URL is saved.
 */
class UnresolvedWebhookHostIT extends NotificationIntegrationTest {

    // .invalid never resolves (RFC 6761).
    private static final String NOT_YET = "https://hooks.not-set-up-yet.invalid/in";

    private ApiClient api;
    private String base;

    @BeforeEach
    void webhookManager() {
        String token = KEYCLOAK.login(KEYCLOAK.createUser()).accessToken();
        UUID org = UUID.randomUUID();
        USER_ORG.grant(token, org.toString(), "admin", Set.of("webhooks.manage"));
        api = ApiClient.at("http://localhost:" + port).withToken(token);
        base = "/api/v1/organizations/" + org + "/webhooks";
    }

    @Test
    void aHostThatDoesNotResolveYetIsAcceptedWithAWarning() {
        ApiResult created = api.post(base, Map.of("url", NOT_YET, "event_types", List.of("chatbot.*")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.data().path("url").asString()).isEqualTo(NOT_YET);
        assertThat(created.data().path("secret").asString()).startsWith("whsec_");
        assertThat(created.data().path("warning").asString()).contains("does not resolve yet");
        assertThat(created.body().path("message").asString()).contains("does not resolve yet");

        String id = created.data().path("id").asString();
        ApiResult read = api.get(base + "/" + id);
        assertThat(read.data().has("warning")).isFalse();

        ApiResult moved = api.patch(base + "/" + id, Map.of("url", "https://other.not-set-up-yet.invalid/in"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.data().path("warning").asString()).contains("other.not-set-up-yet.invalid");
    }

    @Test
    void aPrivateAddressIsStillRefusedWhenSaved() {
        long before = api.get(base).data().size();
        ApiResult refused = api.post(base, Map.of("url", "https://10.1.2.3/in", "event_types", List.of("chatbot.*")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body().path("errors").path("url").toString()).contains("private or reserved");
        assertThat(api.get(base).data().size()).isEqualTo(before);
    }
}
