package com.chatbotsaas.chatbot.widget;

import static com.chatbotsaas.chatbot.support.Tenants.bots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.chatbot.support.ChatbotIntegrationTest;
import com.chatbotsaas.chatbot.support.Db;
import com.chatbotsaas.chatbot.support.Tenants;
import com.chatbotsaas.chatbot.support.Tenants.Actor;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class WidgetIT extends ChatbotIntegrationTest {

    private static final String ORIGIN = "https://shop.example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aVisitorChatsThroughThePublicKeyWithAConversationTokenFromAnAllowedOrigin() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        ApiResult bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine(), ORIGIN);
        String botId = bot.data().path("id").asString();
        String key = bot.data().path("public_key").asString();
        Tenants.faq(owner, org, botId, "Where is my parcel?", "Track it with the link in your email.");
        ApiClient visitor = tenants.anonymous().withHeader("Origin", ORIGIN);
        String base = "/api/v1/public/chatbots/" + key;

        assertThat(visitor.get(base).data().path("welcome_message").asString()).isEqualTo("Hello!");
        ApiResult opened = visitor.post(base + "/conversations", Map.of("external_user_id", "visitor-1"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String conversation = opened.data().path("id").asString();
        String token = opened.data().path("token").asString();
        assertThat(token).startsWith("ct_");

        ApiClient withToken = visitor.withHeader("X-Conversation-Token", token);
        ApiResult answer = withToken
                .withHeader("Prefer", "wait=20")
                .post(base + "/conversations/" + conversation + "/messages", Map.of("content", "where's my parcel"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.data().path("reply").path("content").asString()).startsWith("Track it");
        assertThat(withToken
                        .get(base + "/conversations/" + conversation + "/messages")
                        .data())
                .hasSize(2);

        // The organization sees the widget's conversation.
        assertThat(owner.api()
                        .get(bots(org) + "/" + botId + "/conversations/" + conversation)
                        .data()
                        .path("channel")
                        .asString())
                .isEqualTo("widget");

        // Wrong token, no token, another origin, no origin, an unknown key: nothing is revealed or stored.
        String messages = base + "/conversations/" + conversation + "/messages";
        assertThat(visitor.withHeader("X-Conversation-Token", "ct_forged")
                        .post(messages, Map.of("content", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(visitor.post(messages, Map.of("content", "x")).status()).isEqualTo(404);
        assertThat(tenants.anonymous()
                        .withHeader("Origin", "https://evil.example")
                        .withHeader("X-Conversation-Token", token)
                        .post(messages, Map.of("content", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(tenants.anonymous().post(base + "/conversations", Map.of()).status())
                .isEqualTo(403);
        assertThat(visitor.post("/api/v1/public/chatbots/pk_unknown/conversations", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(Db.count("select count(*) from chatbot.message where conversation_id = ?::uuid", conversation))
                .isEqualTo(2);
    }

    @Test
    void draftAndArchivedChatbotsAreNotServed() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        ApiResult draft = owner.api()
                .post(
                        bots(org),
                        Map.of(
                                "name",
                                "Draft",
                                "engine",
                                Tenants.knowledgeEngine(),
                                "allowed_origins",
                                java.util.List.of(ORIGIN)));
        ApiClient visitor = tenants.anonymous().withHeader("Origin", ORIGIN);
        String key = draft.data().path("public_key").asString();
        assertThat(visitor.post("/api/v1/public/chatbots/" + key + "/conversations", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponseAndRefusesADifferentBody() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        String conversation = Tenants.conversation(owner, org, bot);
        String messages = bots(org) + "/" + bot + "/conversations/" + conversation + "/messages";
        String key = "send-" + UUID.randomUUID();
        ApiClient api = owner.api().withHeader("Idempotency-Key", key);

        ApiResult first = api.post(messages, Map.of("content", "only once"));
        ApiResult again = api.post(messages, Map.of("content", "only once"));
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.data().path("message").path("id").asString())
                .isEqualTo(first.data().path("message").path("id").asString());

        ApiResult different = api.post(messages, Map.of("content", "something else"));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.body().path("errors").has("idempotency_key")).isTrue();
        assertThat(Db.count(
                        "select count(*) from chatbot.message where conversation_id = ?::uuid and role = 'user'",
                        conversation))
                .isEqualTo(1);

        // Another caller with the same key is another request.
        Actor colleague = tenants.user();
        tenants.join(org, colleague, "member");
        ApiResult theirs =
                colleague.api().withHeader("Idempotency-Key", key).post(messages, Map.of("content", "only once"));
        assertThat(theirs.status()).isEqualTo(202);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void conversationMetadataIsBoundedInSizeDepthAndKeys() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        ApiResult bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine(), ORIGIN);
        String botId = bot.data().path("id").asString();
        String opens =
                "/api/v1/public/chatbots/" + bot.data().path("public_key").asString() + "/conversations";
        ApiClient visitor = tenants.anonymous().withHeader("Origin", ORIGIN);

        Map<String, Object> deep = Map.of("a", Map.of("b", Map.of("c", Map.of("d", "too deep"))));
        Map<String, Object> manyKeys = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            manyKeys.put("k" + i, i);
        }
        for (Map<String, Object> metadata : List.of(Map.<String, Object>of("blob", "x".repeat(5000)), deep, manyKeys)) {
            ApiResult refused = visitor.post(opens, Map.of("metadata", metadata));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.body().path("errors").has("metadata")).isTrue();
        }
        // Members' conversations are bounded the same way.
        assertThat(owner.api()
                        .post(bots(org) + "/" + botId + "/conversations", Map.of("metadata", deep))
                        .status())
                .isEqualTo(422);
        assertThat(Db.count("select count(*) from chatbot.conversation where chatbot_id = ?::uuid", botId))
                .isZero();

        ApiResult fine = visitor.post(opens, Map.of("metadata", Map.of("page", "/pricing", "utm", Map.of("s", "ad"))));
        assertThat(fine.status()).as(fine.toString()).isEqualTo(201);
    }

    @Test
    void widgetConversationsCountAgainstTheMonthlyQuota() {
        QuotaWidget widget = widgetOnFreePlan(2);
        String opens = widget.opens();
        ApiClient visitor = widget.visitor();

        assertThat(visitor.post(opens, Map.of()).status()).isEqualTo(201);
        assertThat(visitor.post(opens, Map.of()).status()).isEqualTo(201);
        ApiResult third = visitor.post(opens, Map.of());
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body().path("error_code").asString()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(Db.count(
                        "select count(*) from chatbot.conversation where chatbot_id = ?::uuid",
                        widget.bot().data().path("id").asString()))
                .isEqualTo(2);
    }

    @Test
    void aLargerPlanSeenInAMembersRequestLiftsTheWidgetsQuota() {
        QuotaWidget widget = widgetOnFreePlan(1);
        String org = widget.org();
        assertThat(widget.visitor().post(widget.opens(), Map.of()).status()).isEqualTo(201);
        assertThat(widget.visitor().post(widget.opens(), Map.of()).status()).isEqualTo(429);

        // The organization upgrades; the next member's request carries the new plan (the owner's answer is cached).
        widget.tenants().plan(org, "pro", Map.of("monthly_messages", 3L));
        Actor admin = widget.tenants().user();
        widget.tenants().join(org, admin, "admin");
        Tenants.activeBot(admin, org, Tenants.knowledgeEngine());
        assertThat(Db.count(
                        "select count(*) from chatbot.organization_plan where organization_id = ?::uuid"
                                + " and plan = 'pro' and monthly_messages = 3",
                        org))
                .isEqualTo(1);

        assertThat(widget.visitor().post(widget.opens(), Map.of()).status()).isEqualTo(201);
    }

    /** An active chatbot of a new organization on the free plan with this monthly quota, and a widget visitor. */
    private QuotaWidget widgetOnFreePlan(long monthlyMessages) {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner, "free", Map.of("monthly_messages", monthlyMessages));
        ApiResult bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine(), ORIGIN);
        return new QuotaWidget(
                tenants,
                org,
                bot,
                "/api/v1/public/chatbots/" + bot.data().path("public_key").asString() + "/conversations",
                tenants.anonymous().withHeader("Origin", ORIGIN));
    }

    private record QuotaWidget(Tenants tenants, String org, ApiResult bot, String opens, ApiClient visitor) {}

    @Test
    void aSuspendedOrganizationsWidgetIsGoneUntilItIsReactivated() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        ApiResult bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine(), ORIGIN);
        String base = "/api/v1/public/chatbots/" + bot.data().path("public_key").asString();
        ApiClient visitor = tenants.anonymous().withHeader("Origin", ORIGIN);
        ApiResult opened = visitor.post(base + "/conversations", Map.of());
        String messages = base + "/conversations/" + opened.data().path("id").asString() + "/messages";
        ApiClient withToken = visitor.withHeader(
                "X-Conversation-Token", opened.data().path("token").asString());

        EventProbe.publish("org.update.success", statusChange(org, "active", "suspended"));
        await().atMost(Duration.ofSeconds(30)).until(() -> visitor.get(base).status() == 404);
        assertThat(visitor.post(base + "/conversations", Map.of()).status()).isEqualTo(404);
        assertThat(withToken.post(messages, Map.of("content", "still there?")).status())
                .isEqualTo(404);
        assertThat(withToken.get(messages).status()).isEqualTo(404);

        EventProbe.publish("org.update.success", statusChange(org, "suspended", "active"));
        await().atMost(Duration.ofSeconds(30)).until(() -> visitor.get(base).status() == 200);
        assertThat(withToken.post(messages, Map.of("content", "back again")).status())
                .isEqualTo(202);
    }

    /** user-org-service's event for an operator's status change of the organization. */
    private static String statusChange(String org, String from, String to) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
        event.put("id", UUID.randomUUID().toString());
        event.put("type", "com.chatbotsaas.org.update");
        event.put("orgid", org);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("resource_id", org);
        data.putObject("changes").putArray("status").add(from).add(to);
        return JSON.writeValueAsString(event);
    }
}
