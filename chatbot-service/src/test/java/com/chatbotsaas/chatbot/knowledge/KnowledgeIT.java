package com.chatbotsaas.chatbot.knowledge;

import static com.chatbotsaas.chatbot.support.Tenants.bots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.chatbot.support.ChatbotIntegrationTest;
import com.chatbotsaas.chatbot.support.Tenants;
import com.chatbotsaas.chatbot.support.Tenants.Actor;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeIT extends ChatbotIntegrationTest {

    @Test
    void theKnowledgeEngineAnswersAParaphraseAndFallsBackOnAnUnrelatedQuestion() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        Tenants.faq(
                owner, org, bot, "How can I reset my password?", "Open Settings, then Security, then Reset password.");
        Tenants.faq(owner, org, bot, "What are your opening hours?", "We are open Monday to Friday, 9:00 to 17:00.");
        Tenants.faq(owner, org, bot, "Do you ship internationally?", "Yes, we ship to 40 countries.");
        String conversation = Tenants.conversation(owner, org, bot);
        var api = owner.api().withHeader("Prefer", "wait=20");
        String messages = bots(org) + "/" + bot + "/conversations/" + conversation + "/messages";

        ApiResult paraphrase = api.post(messages, Map.of("content", "I forgot my password, how do I reset it?"));
        assertThat(paraphrase.status()).as(paraphrase.toString()).isEqualTo(200);
        assertThat(paraphrase.data().path("reply").path("content").asString())
                .isEqualTo("Open Settings, then Security, then Reset password.");
        assertThat(paraphrase.data().path("reply").path("fallback").asBoolean()).isFalse();
        assertThat(paraphrase.data().path("message").path("status").asString()).isEqualTo("answered");

        ApiResult hours = api.post(messages, Map.of("content", "when are you open?"));
        assertThat(hours.data().path("reply").path("content").asString()).startsWith("We are open Monday");

        ApiResult unrelated = api.post(messages, Map.of("content", "Which football team won the league in 1998?"));
        assertThat(unrelated.status()).isEqualTo(200);
        assertThat(unrelated.data().path("reply").path("content").asString()).isEqualTo("Sorry, I do not know that.");
        assertThat(unrelated.data().path("reply").path("fallback").asBoolean()).isTrue();

        ApiResult transcript = owner.api().get(messages);
        assertThat(transcript.data().findValuesAsString("role"))
                .containsExactly("user", "assistant", "user", "assistant", "user", "assistant");
    }

    @Test
    void documentsAreChunkedAndTheirPassagesAnswer() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            content.append("Paragraph ")
                    .append(i)
                    .append(" talks about ordinary store policies and routine things. ")
                    .append(
                            "It repeats itself to be long enough for chunking, and it says nothing special at all.\n\n");
        }
        content.append(
                "Refunds for damaged umbrellas are paid within fourteen days after the courier collects them.\n\n");
        ApiResult document = owner.api()
                .post(
                        bots(org) + "/" + bot + "/knowledge",
                        Map.of("type", "document", "title", "Store handbook", "content", content.toString()));
        assertThat(document.status()).as(document.toString()).isEqualTo(201);
        assertThat(document.data().path("chunks").asInt()).isGreaterThan(1);
        assertThat(owner.api().get(bots(org) + "/" + bot + "/knowledge").data()).hasSize(1);

        String conversation = Tenants.conversation(owner, org, bot);
        ApiResult answer = owner.api()
                .withHeader("Prefer", "wait=20")
                .post(
                        bots(org) + "/" + bot + "/conversations/" + conversation + "/messages",
                        Map.of("content", "How fast do you refund a damaged umbrella?"));
        assertThat(answer.data().path("reply").path("content").asString()).contains("Refunds for damaged umbrellas");
    }

    @Test
    void trainingReindexesAsynchronouslyAndReportsItsStatus() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        String faq = Tenants.faq(owner, org, bot, "Wie lange dauert die Lieferung?", "Drei Werktage.");
        assertThat(owner.api()
                        .patch(
                                bots(org) + "/" + bot,
                                Map.of("engine", Map.of("type", "knowledge", "language", "german")))
                        .status())
                .isEqualTo(200);

        ApiResult train = owner.api().post(bots(org) + "/" + bot + "/train", null);
        assertThat(train.status()).isEqualTo(202);
        assertThat(train.data().path("training_status").asString()).isEqualTo("pending");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> owner.api()
                        .get(bots(org) + "/" + bot)
                        .data()
                        .path("training_status")
                        .asString()
                        .equals("ready"));

        // Indexed in German now: an inflected form finds the FAQ.
        String conversation = Tenants.conversation(owner, org, bot);
        ApiResult answer = owner.api()
                .withHeader("Prefer", "wait=20")
                .post(
                        bots(org) + "/" + bot + "/conversations/" + conversation + "/messages",
                        Map.of("content", "Wie lange dauern Lieferungen?"));
        assertThat(answer.data().path("reply").path("content").asString()).isEqualTo("Drei Werktage.");

        assertThat(owner.api()
                        .delete(bots(org) + "/" + bot + "/knowledge/" + faq)
                        .status())
                .isEqualTo(204);
        assertThat(owner.api().get(bots(org) + "/" + bot + "/knowledge").data()).isEmpty();
    }
}
