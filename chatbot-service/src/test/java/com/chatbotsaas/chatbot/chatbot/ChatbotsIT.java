package com.chatbotsaas.chatbot.chatbot;

import static com.chatbotsaas.chatbot.support.Tenants.bots;
import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.chatbot.support.ChatbotIntegrationTest;
import com.chatbotsaas.chatbot.support.Db;
import com.chatbotsaas.chatbot.support.Tenants;
import com.chatbotsaas.chatbot.support.Tenants.Actor;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatbotsIT extends ChatbotIntegrationTest {

    @Test
    void createsListsUpdatesAndDeletesAChatbotThroughItsLifecycle() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);

        ApiResult created = owner.api()
                .post(
                        bots(org),
                        Map.of(
                                "name",
                                "Helpdesk assistant",
                                "description",
                                "Answers billing questions",
                                "engine",
                                Map.of("type", "knowledge", "language", "english"),
                                "allowed_origins",
                                List.of("https://shop.example.com")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.data().path("id").asString();
        assertThat(created.header("Location")).endsWith("/chatbots/" + id);
        assertThat(created.data().path("status").asString()).isEqualTo("draft");
        assertThat(created.data().path("training_status").asString()).isEqualTo("idle");
        assertThat(created.data().path("public_key").asString()).startsWith("pk_");
        assertThat(created.data().path("fallback_message").asString()).isNotBlank();
        assertThat(created.data().path("engine").path("type").asString()).isEqualTo("knowledge");

        owner.api().post(bots(org), Map.of("name", "Other", "engine", Map.of("type", "knowledge")));
        ApiResult search = owner.api().get(bots(org) + "?q=help");
        assertThat(search.data().findValuesAsString("id")).containsExactly(id);
        assertThat(search.body().path("meta").path("pagination").path("total").asInt())
                .isEqualTo(1);
        assertThat(owner.api().get(bots(org)).data()).hasSize(2);

        ApiResult activated = owner.api().patch(bots(org) + "/" + id, Map.of("status", "active", "name", "Helpdesk"));
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        assertThat(activated.data().path("status").asString()).isEqualTo("active");
        assertThat(owner.api().get(bots(org) + "?status=active").data().findValuesAsString("id"))
                .containsExactly(id);

        assertThat(owner.api()
                        .patch(bots(org) + "/" + id, Map.of("status", "archived"))
                        .status())
                .isEqualTo(200);
        ApiResult back = owner.api().patch(bots(org) + "/" + id, Map.of("status", "active"));
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.body().path("error_code").asString()).isEqualTo("CONFLICT");

        assertThat(owner.api().delete(bots(org) + "/" + id).status()).isEqualTo(204);
        assertThat(owner.api().get(bots(org) + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void validatesEngineSettingsPerEngineType() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);

        ApiResult openai = owner.api()
                .post(bots(org), Map.of("name", "A", "engine", Map.of("type", "openai", "base_url", "ftp://x")));
        assertThat(openai.status()).isEqualTo(422);
        assertThat(openai.body().path("errors").propertyNames())
                .contains("engine.base_url", "engine.model", "engine.api_key");

        assertThat(errors(owner.api().post(bots(org), Map.of("name", "A", "engine", Map.of("type", "gpt")))))
                .contains("engine.type");
        assertThat(errors(owner.api().post(bots(org), Map.of("name", "A", "engine", Map.of("type", "n8n")))))
                .contains("engine.webhook_url");
        assertThat(errors(owner.api()
                        .post(bots(org), Map.of("name", "A", "engine", Map.of("type", "knowledge", "language", "xx")))))
                .contains("engine.language");
        assertThat(errors(owner.api()
                        .post(
                                bots(org),
                                Map.of("name", "A", "engine", Map.of("type", "knowledge", "confidence_threshold", 3)))))
                .contains("engine.confidence_threshold");
        assertThat(errors(owner.api().post(bots(org), Map.of("engine", Map.of("type", "knowledge")))))
                .contains("name");
        assertThat(owner.api().get(bots(org)).data()).isEmpty();
    }

    @Test
    void engineSecretsAreEncryptedAtRestAndNeverReturnedOrPublished() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        String secret = "sk-test-" + System.nanoTime();
        try (EventProbe probe = EventProbe.listen("chatbot.*.*")) {
            Map<String, Object> engine = new LinkedHashMap<>();
            engine.put("type", "openai");
            engine.put("base_url", "http://127.0.0.2:9/v1");
            engine.put("model", "test-model");
            engine.put("api_key", secret);
            ApiResult created = owner.api().post(bots(org), Map.of("name", "Remote", "engine", engine));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.data().path("id").asString();
            assertThat(created.raw()).doesNotContain(secret);
            assertThat(created.data().path("engine").path("has_api_key").asBoolean())
                    .isTrue();

            // Updating other settings keeps the key; sending a new one replaces it.
            ApiResult renamed = owner.api()
                    .patch(
                            bots(org) + "/" + id,
                            Map.of(
                                    "engine",
                                    Map.of("type", "openai", "base_url", "http://127.0.0.2:9/v1", "model", "m2")));
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
            assertThat(renamed.data().path("engine").path("has_api_key").asBoolean())
                    .isTrue();
            assertThat(owner.api().get(bots(org) + "/" + id).raw()).doesNotContain(secret);
            assertThat(owner.api().get(bots(org)).raw()).doesNotContain(secret);

            String stored = Db.string("select engine_secret from chatbot.chatbot where id = ?::uuid", id);
            assertThat(stored).startsWith("v1:").doesNotContain(secret);

            EventProbe.Received event = probe.await(e -> e.json().contains(id), Duration.ofSeconds(20));
            probe.await(
                    e -> e.routingKey().equals("chatbot.update.success")
                            && e.json().contains(id),
                    Duration.ofSeconds(20));
            for (EventProbe.Received received : probe.all(e -> e.json().contains(id))) {
                assertThat(received.json()).doesNotContain(secret);
                assertThat(EventContracts.violations(received.json())).isEmpty();
            }
            assertThat(event.routingKey()).isEqualTo("chatbot.create.success");
        }
    }

    @Test
    void changingTheBaseUrlRequiresTheApiKeyAgain() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("type", "openai");
        engine.put("base_url", "http://127.0.0.2:9/v1");
        engine.put("model", "test-model");
        engine.put("api_key", "sk-stored");
        String id = owner.api()
                .post(bots(org), Map.of("name", "Remote", "engine", engine))
                .data()
                .path("id")
                .asString();
        String storedSecret = Db.string("select engine_secret from chatbot.chatbot where id = ?::uuid", id);

        ApiResult moved = owner.api()
                .patch(
                        bots(org) + "/" + id,
                        Map.of("engine", Map.of("type", "openai", "base_url", "http://127.0.0.2:10/v1", "model", "m")));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(422);
        assertThat(moved.body().path("error_code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(moved.body().path("errors").path("engine.api_key").path(0).asString())
                .contains("required when base_url changes");
        assertThat(owner.api()
                        .get(bots(org) + "/" + id)
                        .data()
                        .path("engine")
                        .path("base_url")
                        .asString())
                .isEqualTo("http://127.0.0.2:9/v1");

        // A knowledge bot switched to openai has no key to keep either.
        String other = owner.api()
                .post(bots(org), Map.of("name", "Local", "engine", Tenants.knowledgeEngine()))
                .data()
                .path("id")
                .asString();
        assertThat(errors(owner.api()
                        .patch(
                                bots(org) + "/" + other,
                                Map.of(
                                        "engine",
                                        Map.of("type", "openai", "base_url", "http://127.0.0.2:9/v1", "model", "m")))))
                .contains("engine.api_key");

        // With the key again, the move is accepted and the new key is stored.
        Map<String, Object> withKey = new LinkedHashMap<>(engine);
        withKey.put("base_url", "http://127.0.0.2:10/v1");
        withKey.put("api_key", "sk-new");
        ApiResult accepted = owner.api().patch(bots(org) + "/" + id, Map.of("engine", withKey));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(Db.string("select engine_secret from chatbot.chatbot where id = ?::uuid", id))
                .isNotEqualTo(storedSecret);
    }

    @Test
    void engineUrlsAndPromptsAreShownOnlyToWritersAndNeverPublished() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        Actor viewer = tenants.user();
        String org = tenants.organization(owner);
        tenants.join(org, viewer, "viewer");
        String hook = "http://127.0.0.2:9/webhook/secret-" + System.nanoTime();
        String prompt = "Never mention competitor " + System.nanoTime();
        Map<String, Object> openai = new LinkedHashMap<>();
        openai.put("type", "openai");
        openai.put("base_url", "http://127.0.0.2:9/tenant-path/v1");
        openai.put("model", "m");
        openai.put("api_key", "sk-x");
        openai.put("system_prompt", prompt);
        try (EventProbe probe = EventProbe.listen("chatbot.*.*")) {
            String n8n = owner.api()
                    .post(bots(org), Map.of("name", "Hook", "engine", Map.of("type", "n8n", "webhook_url", hook)))
                    .data()
                    .path("id")
                    .asString();
            String remote = owner.api()
                    .post(bots(org), Map.of("name", "Remote", "engine", openai))
                    .data()
                    .path("id")
                    .asString();

            ApiResult seenByViewer = viewer.api().get(bots(org) + "/" + n8n);
            assertThat(seenByViewer.status()).isEqualTo(200);
            assertThat(seenByViewer.data().path("engine").path("webhook_url").asString())
                    .isEqualTo("http://127.0.0.2:9");
            ApiResult remoteByViewer = viewer.api().get(bots(org) + "/" + remote);
            assertThat(remoteByViewer.data().path("engine").path("base_url").asString())
                    .isEqualTo("http://127.0.0.2:9");
            assertThat(remoteByViewer
                            .data()
                            .path("engine")
                            .path("system_prompt")
                            .isNull())
                    .isTrue();
            ApiResult listedForViewer = viewer.api().get(bots(org));
            assertThat(listedForViewer.raw()).doesNotContain(hook, prompt, "tenant-path");

            assertThat(owner.api()
                            .get(bots(org) + "/" + n8n)
                            .data()
                            .path("engine")
                            .path("webhook_url")
                            .asString())
                    .isEqualTo(hook);
            assertThat(owner.api().get(bots(org)).raw()).contains(hook, prompt);

            String newHook = hook + "-rotated";
            assertThat(owner.api()
                            .patch(
                                    bots(org) + "/" + n8n,
                                    Map.of("engine", Map.of("type", "n8n", "webhook_url", newHook)))
                            .status())
                    .isEqualTo(200);
            Map<String, Object> newPrompt = new LinkedHashMap<>(openai);
            newPrompt.put("system_prompt", prompt + " at all");
            assertThat(owner.api()
                            .patch(bots(org) + "/" + remote, Map.of("engine", newPrompt))
                            .status())
                    .isEqualTo(200);

            EventProbe.Received hookChanged = probe.await(
                    e -> e.routingKey().equals("chatbot.update.success")
                            && e.json().contains(n8n),
                    Duration.ofSeconds(20));
            assertThat(hookChanged
                            .event()
                            .path("data")
                            .path("webhook_url_changed")
                            .asBoolean())
                    .isTrue();
            EventProbe.Received promptChanged = probe.await(
                    e -> e.routingKey().equals("chatbot.update.success")
                            && e.json().contains(remote),
                    Duration.ofSeconds(20));
            assertThat(promptChanged
                            .event()
                            .path("data")
                            .path("system_prompt_changed")
                            .asBoolean())
                    .isTrue();
            for (EventProbe.Received received :
                    probe.all(e -> e.json().contains(n8n) || e.json().contains(remote))) {
                assertThat(received.json()).doesNotContain("secret-", "competitor", "tenant-path");
                assertThat(EventContracts.violations(received.json())).isEmpty();
            }
        }
    }

    @Test
    void rotatingThePublicKeyRetiresTheOldOne() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        ApiResult bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine(), "https://a.example");
        String id = bot.data().path("id").asString();
        String oldKey = bot.data().path("public_key").asString();

        ApiResult rotated = owner.api().post(bots(org) + "/" + id + "/public-key", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.data().path("public_key").asString();
        assertThat(newKey).isNotEqualTo(oldKey).startsWith("pk_");

        var widget = tenants.anonymous().withHeader("Origin", "https://a.example");
        assertThat(widget.get("/api/v1/public/chatbots/" + oldKey).status()).isEqualTo(404);
        assertThat(widget.get("/api/v1/public/chatbots/" + newKey).status()).isEqualTo(200);
    }

    @Test
    void theChatbotQuotaOfThePlanIsEnforced() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner, "free", Map.of("chatbots", 1L, "monthly_messages", 100L));
        assertThat(owner.api()
                        .post(bots(org), Map.of("name", "One", "engine", Tenants.knowledgeEngine()))
                        .status())
                .isEqualTo(201);
        ApiResult second = owner.api().post(bots(org), Map.of("name", "Two", "engine", Tenants.knowledgeEngine()));
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.body().path("error_code").asString()).isEqualTo("QUOTA_EXCEEDED");
    }

    private static List<String> errors(ApiResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(422);
        return List.copyOf(result.body().path("errors").propertyNames());
    }
}
