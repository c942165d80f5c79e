package com.chatbotsaas.chatbot;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.chatbot.support.ChatbotIntegrationTest;
import com.chatbotsaas.chatbot.support.Tenants;
import com.chatbotsaas.chatbot.support.Tenants.Actor;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.tenancy.CrossTenantMatrix;
import com.chatbotsaas.platform.test.tenancy.CrossTenantMatrix.Call;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every chatbot route of an organization, from the handler mappings, against other tenants and a viewer. */
class CrossTenantMatrixIT extends ChatbotIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** An organization with an active chatbot, a FAQ, a conversation and an answered message. */
    record Fixture(String org, String botId, String knowledge, String conversationId, String reply) {

        String bots() {
            return "/api/v1/organizations/" + org + "/chatbots";
        }

        String bot() {
            return bots() + "/" + botId;
        }

        String conversation() {
            return bot() + "/conversations/" + conversationId;
        }
    }

    private static final String BOT = "/api/v1/organizations/{orgId}/chatbots/{botId}";
    private static final String CONVERSATION = BOT + "/conversations/{conversationId}";

    private static final Map<String, Function<Fixture, Call>> SAMPLES = Map.ofEntries(
            entry(
                    "POST /api/v1/organizations/{orgId}/chatbots",
                    f -> new Call("POST", f.bots(), Map.of("name", "New", "engine", Map.of("type", "knowledge")))),
            entry("GET /api/v1/organizations/{orgId}/chatbots", f -> new Call("GET", f.bots(), null)),
            entry("GET " + BOT, f -> new Call("GET", f.bot(), null)),
            entry("PATCH " + BOT, f -> new Call("PATCH", f.bot(), Map.of("name", "Renamed"))),
            entry("DELETE " + BOT, f -> new Call("DELETE", f.bot(), null)),
            entry("POST " + BOT + "/public-key", f -> new Call("POST", f.bot() + "/public-key", null)),
            entry("POST " + BOT + "/train", f -> new Call("POST", f.bot() + "/train", null)),
            entry(
                    "POST " + BOT + "/knowledge",
                    f -> new Call(
                            "POST", f.bot() + "/knowledge", Map.of("type", "faq", "question", "Q?", "answer", "A."))),
            entry("GET " + BOT + "/knowledge", f -> new Call("GET", f.bot() + "/knowledge", null)),
            entry(
                    "DELETE " + BOT + "/knowledge/{knowledgeId}",
                    f -> new Call("DELETE", f.bot() + "/knowledge/" + f.knowledge(), null)),
            entry("POST " + BOT + "/conversations", f -> new Call("POST", f.bot() + "/conversations", Map.of())),
            entry("GET " + BOT + "/conversations", f -> new Call("GET", f.bot() + "/conversations", null)),
            entry("GET " + CONVERSATION, f -> new Call("GET", f.conversation(), null)),
            entry("PATCH " + CONVERSATION, f -> new Call("PATCH", f.conversation(), Map.of("status", "handoff"))),
            entry(
                    "POST " + CONVERSATION + "/messages",
                    f -> new Call("POST", f.conversation() + "/messages", Map.of("content", "Hello"))),
            entry("GET " + CONVERSATION + "/messages", f -> new Call("GET", f.conversation() + "/messages", null)),
            entry(
                    "GET " + CONVERSATION + "/stream",
                    f -> new Call("GET", f.conversation() + "/stream", null, "text/event-stream")),
            entry(
                    "POST " + CONVERSATION + "/messages/{messageId}/feedback",
                    f -> new Call(
                            "POST",
                            f.conversation() + "/messages/" + f.reply() + "/feedback",
                            Map.of("rating", "up"))));

    @Test
    void everyOrganizationRouteHidesOtherTenantsDeniesViewersWritesAndAdmitsTheOwner() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        Actor viewer = tenants.user();
        Actor outsider = tenants.user();
        tenants.organization(outsider);
        Actor stranger = tenants.user();

        CrossTenantMatrix<Fixture> matrix = new CrossTenantMatrix<>(tenants.baseUrl(), mappings, SAMPLES);
        List<String> problems = matrix.check(
                () -> {
                    String org = tenants.organization(owner);
                    tenants.join(org, viewer, "viewer");
                    String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                            .data()
                            .path("id")
                            .asString();
                    String knowledge = Tenants.faq(owner, org, bot, "What is this?", "A test.");
                    String conversation = Tenants.conversation(owner, org, bot);
                    ApiResult sent = owner.api()
                            .withHeader("Prefer", "wait=20")
                            .post(
                                    Tenants.bots(org) + "/" + bot + "/conversations/" + conversation + "/messages",
                                    Map.of("content", "What is this?"));
                    String reply = sent.data().path("reply").path("id").asString();
                    return new CrossTenantMatrix.Tenant<>(
                            new Fixture(org, bot, knowledge, conversation, reply), owner.token(), viewer.token());
                },
                outsider.token(),
                stranger.token());
        assertThat(problems).isEmpty();
    }
}
