package com.chatbotsaas.chatbot.conversation;

import static com.chatbotsaas.chatbot.support.Tenants.bots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.chatbot.support.ChatbotIntegrationTest;
import com.chatbotsaas.chatbot.support.Db;
import com.chatbotsaas.chatbot.support.EngineStub;
import com.chatbotsaas.chatbot.support.LocalServer;
import com.chatbotsaas.chatbot.support.Tenants;
import com.chatbotsaas.chatbot.support.Tenants.Actor;
import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** The reply pipeline: priority queue, workers, timeouts, retries, fallback, exactly one reply. */
class ReplyPipelineIT extends ChatbotIntegrationTest {

    private static final String DEAD_LETTERS = PlatformTestEnvironment.QUEUE_PREFIX + "chatbot-service.replies.dlq";

    @Autowired
    ReplyWorkers workers;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MeterRegistry meters;

    @Test
    void malformedReplyWorkIsDeadLetteredAndTheNextMessageIsAnswered() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        Tenants.faq(owner, org, bot, "What is the price?", "Ten euros.");
        String conversation = Tenants.conversation(owner, org, bot);
        String withoutCreatedAt = UUID.randomUUID().toString();
        String notJson = UUID.randomUUID().toString();
        double before = deadLettered("malformed");

        // One worker, and the bad work first in line (highest priority): before it is dead-lettered, nothing else runs.
        workers.setConcurrentConsumers(1);
        try {
            publishWork("{\"message_id\":\"" + withoutCreatedAt + "\",\"attempt\":1}");
            publishWork("not reply work " + notJson);
            ApiResult answered = owner.api()
                    .withHeader("Prefer", "wait=20")
                    .post(
                            bots(org) + "/" + bot + "/conversations/" + conversation + "/messages",
                            Map.of("content", "What is the price?"));
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.data().path("reply").path("content").asString()).isEqualTo("Ten euros.");
        } finally {
            workers.setConcurrentConsumers(4);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> EventProbe.takeFrom(DEAD_LETTERS, withoutCreatedAt));
        await().atMost(Duration.ofSeconds(20)).until(() -> EventProbe.takeFrom(DEAD_LETTERS, notJson));
        assertThat(deadLettered("malformed") - before).isGreaterThanOrEqualTo(2);
    }

    @Test
    void workWhoseProcessingKeepsFailingIsDeadLetteredAndAnsweredWithTheFallback() {
        try (EventProbe probe = EventProbe.listen("conversation.message.reply.*")) {
            Tenants tenants = tenants();
            Actor owner = tenants.user();
            String org = tenants.organization(owner);
            String broken = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                    .data()
                    .path("id")
                    .asString();
            String healthy = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                    .data()
                    .path("id")
                    .asString();
            String brokenConversation = Tenants.conversation(owner, org, broken);
            String healthyConversation = Tenants.conversation(owner, org, healthy);
            // An engine this version does not know: every delivery of the work fails, and retrying cannot help.
            Db.update("update chatbot.chatbot set engine_type = 'retired' where id = ?::uuid", UUID.fromString(broken));
            double before = deadLettered("processing_failed");
            String brokenMessages = bots(org) + "/" + broken + "/conversations/" + brokenConversation + "/messages";

            ApiResult sent = owner.api().post(brokenMessages, Map.of("content", "Anyone?"));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
            String messageId = sent.data().path("message").path("id").asString();

            EventProbe.Received failure = probe.await(
                    e -> e.routingKey().equals("conversation.message.reply.failure")
                            && e.json().contains(messageId),
                    Duration.ofSeconds(60));
            assertThat(failure.event().path("errorcode").asString()).isEqualTo("INTERNAL_ERROR");
            assertThat(EventContracts.violations(failure.json())).isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> EventProbe.takeFrom(DEAD_LETTERS, messageId));
            assertThat(deadLettered("processing_failed") - before).isEqualTo(1);
            ApiResult transcript = owner.api().get(brokenMessages);
            assertThat(transcript.data()).hasSize(2);
            assertThat(transcript.data().get(0).path("status").asString()).isEqualTo("failed");
            assertThat(transcript.data().get(1).path("fallback").asBoolean()).isTrue();

            ApiResult answered = owner.api()
                    .withHeader("Prefer", "wait=20")
                    .post(
                            bots(org) + "/" + healthy + "/conversations/" + healthyConversation + "/messages",
                            Map.of("content", "Hello?"));
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.data().path("reply").isMissingNode()).isFalse();
        }
    }

    @Test
    void aHangingEngineTimesOutIsRetriedAndEndsWithTheFallbackAndAFailureEvent() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (LocalServer webhook = LocalServer.start((exchange, request) -> block(never));
                EventProbe probe = EventProbe.listen("conversation.message.reply.*")) {
            Tenants tenants = tenants();
            Actor owner = tenants.user();
            String org = tenants.organization(owner);
            String bot = Tenants.activeBot(owner, org, Map.of("type", "n8n", "webhook_url", webhook.url("/hook")))
                    .data()
                    .path("id")
                    .asString();
            String conversation = Tenants.conversation(owner, org, bot);
            String messages = bots(org) + "/" + bot + "/conversations/" + conversation + "/messages";

            ApiResult sent = owner.api().post(messages, Map.of("content", "Are you there?"));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
            assertThat(sent.data().path("message").path("status").asString()).isEqualTo("queued");
            String messageId = sent.data().path("message").path("id").asString();

            EventProbe.Received failure = probe.await(
                    e -> e.routingKey().equals("conversation.message.reply.failure")
                            && e.json().contains(messageId),
                    Duration.ofSeconds(60));
            assertThat(failure.event().path("errorcode").asString()).isEqualTo("UPSTREAM_TIMEOUT");
            assertThat(failure.data().path("attempts").asInt()).isEqualTo(3);
            assertThat(EventContracts.violations(failure.json())).isEmpty();
            assertThat(webhook.requests()).hasSize(3);

            ApiResult transcript = owner.api().get(messages);
            assertThat(transcript.data()).hasSize(2);
            assertThat(transcript.data().get(0).path("status").asString()).isEqualTo("failed");
            assertThat(transcript.data().get(1).path("content").asString()).isEqualTo("Sorry, I do not know that.");
            assertThat(transcript.data().get(1).path("fallback").asBoolean()).isTrue();
            assertThat(transcript.data().get(1).path("reply_to").asString()).isEqualTo(messageId);
            await().atMost(Duration.ofSeconds(20)).until(() -> EventProbe.takeFrom(DEAD_LETTERS, messageId));
            assertThat(probe.all(e -> e.json().contains(messageId))).hasSize(1);
        } finally {
            never.countDown();
        }
    }

    @Test
    void anN8nWebhookGetsTheMessageWithHistoryAndItsAnswerIsTheReply() {
        try (EngineStub webhook = EngineStub.answering(200, "application/json", "{\"output\":\"From the workflow\"}")) {
            Tenants tenants = tenants();
            Actor owner = tenants.user();
            String org = tenants.organization(owner);
            String bot = Tenants.activeBot(owner, org, Map.of("type", "n8n", "webhook_url", webhook.url("/hook")))
                    .data()
                    .path("id")
                    .asString();
            String conversation = Tenants.conversation(owner, org, bot);
            var api = owner.api().withHeader("Prefer", "wait=20");
            String messages = bots(org) + "/" + bot + "/conversations/" + conversation + "/messages";

            ApiResult first = api.post(messages, Map.of("content", "first question"));
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.data().path("reply").path("content").asString()).isEqualTo("From the workflow");
            api.post(messages, Map.of("content", "second question"));

            EngineStub.Request last = webhook.requests().getLast();
            assertThat(last.method()).isEqualTo("POST");
            assertThat(last.body()).contains("\"message\":\"second question\"", "first question", "From the workflow");
        }
    }

    @Test
    void aWorkerStoppedMidProcessingLeavesExactlyOneReply() throws Exception {
        CountDownLatch firstCallArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        try (LocalServer webhook = LocalServer.start((exchange, request) -> {
            if (calls.incrementAndGet() == 1) {
                firstCallArrived.countDown();
                block(release);
            }
            LocalServer.respond(exchange, 200, "application/json", "{\"reply\":\"Answer\"}");
            answered.incrementAndGet();
        })) {
            Tenants tenants = tenants();
            Actor owner = tenants.user();
            String org = tenants.organization(owner);
            String bot = Tenants.activeBot(owner, org, Map.of("type", "n8n", "webhook_url", webhook.url("/hook")))
                    .data()
                    .path("id")
                    .asString();
            String conversation = Tenants.conversation(owner, org, bot);
            ApiResult sent = owner.api()
                    .post(
                            bots(org) + "/" + bot + "/conversations/" + conversation + "/messages",
                            Map.of("content", "hello"));
            String messageId = sent.data().path("message").path("id").asString();
            assertThat(firstCallArrived.await(30, TimeUnit.SECONDS)).isTrue();

            // The workers go away while the engine call is in flight; their unacknowledged work is delivered again.
            workers.stop();
            workers.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            Db.count("select count(*) from chatbot.message where reply_to = ?::uuid", messageId) == 1);
            // Answered by a second delivery while the first call still hangs.
            assertThat(calls.get()).isGreaterThanOrEqualTo(2);
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() == calls.get());

            assertThat(Db.count("select count(*) from chatbot.message where reply_to = ?::uuid", messageId))
                    .isEqualTo(1);
            assertThat(Db.string("select status from chatbot.message where id = ?::uuid", messageId))
                    .isEqualTo("answered");
        } finally {
            release.countDown();
        }
    }

    @Test
    void higherPlanMessagesOvertakeABacklogOfLowerPlanOnes() {
        Tenants tenants = tenants();
        Actor freeOwner = tenants.user();
        String freeOrg = tenants.organization(freeOwner, "free", Map.of("monthly_messages", -1L));
        Actor bigOwner = tenants.user();
        String bigOrg = tenants.organization(bigOwner, "enterprise", Map.of("monthly_messages", -1L));
        String freeBot = Tenants.activeBot(freeOwner, freeOrg, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        String bigBot = Tenants.activeBot(bigOwner, bigOrg, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        String freeConversation = Tenants.conversation(freeOwner, freeOrg, freeBot);
        String bigConversation = Tenants.conversation(bigOwner, bigOrg, bigBot);

        workers.stop();
        List<String> backlog = new ArrayList<>();
        String urgent;
        try {
            for (int i = 0; i < 30; i++) {
                backlog.add(freeOwner
                        .api()
                        .post(
                                bots(freeOrg) + "/" + freeBot + "/conversations/" + freeConversation + "/messages",
                                Map.of("content", "backlog " + i))
                        .data()
                        .path("message")
                        .path("id")
                        .asString());
            }
            urgent = bigOwner.api()
                    .post(
                            bots(bigOrg) + "/" + bigBot + "/conversations/" + bigConversation + "/messages",
                            Map.of("content", "urgent"))
                    .data()
                    .path("message")
                    .path("id")
                    .asString();
        } finally {
            workers.start();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Db.count(
                                "select count(*) from chatbot.message where conversation_id in (?::uuid, ?::uuid)"
                                        + " and role = 'assistant'",
                                freeConversation,
                                bigConversation)
                        == 31);
        long answeredBefore = Db.count("""
                select count(*) from chatbot.message b
                where b.conversation_id = ?::uuid and b.role = 'assistant'
                  and b.created_at < (select created_at from chatbot.message where reply_to = ?::uuid)
                """, freeConversation, urgent);
        // Enqueued last, without priority it would be answered after all 30. Four workers take one message each and
        // the enterprise message is among the first handed out; while its worker runs on a loaded machine, the other
        // three may finish a couple of backlog messages each, so the bound leaves room for that.
        assertThat(answeredBefore)
                .as("backlog replies written before the urgent one")
                .isLessThanOrEqualTo(8);
        assertThat(backlog).hasSize(30);
    }

    @Test
    void aHandOffStopsTheBotAndIsAnEvent() {
        try (EventProbe probe = EventProbe.listen("conversation.update.*")) {
            Tenants tenants = tenants();
            Actor owner = tenants.user();
            String org = tenants.organization(owner);
            String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                    .data()
                    .path("id")
                    .asString();
            Tenants.faq(owner, org, bot, "What is the price?", "Ten euros.");
            String handedOff = Tenants.conversation(owner, org, bot);
            String open = Tenants.conversation(owner, org, bot);
            String base = bots(org) + "/" + bot + "/conversations/";

            ApiResult handoff = owner.api().patch(base + handedOff, Map.of("status", "handoff"));
            assertThat(handoff.status()).as(handoff.toString()).isEqualTo(200);
            assertThat(handoff.data().path("status").asString()).isEqualTo("handoff");
            EventProbe.Received event = probe.await(
                    e -> e.routingKey().equals("conversation.update.success")
                            && e.json().contains(handedOff),
                    Duration.ofSeconds(20));
            assertThat(event.data().path("changes").path("status").toString()).contains("open", "handoff");
            assertThat(EventContracts.violations(event.json())).isEmpty();

            ApiResult toHuman =
                    owner.api().post(base + handedOff + "/messages", Map.of("content", "What is the price?"));
            assertThat(toHuman.status()).isEqualTo(202);
            assertThat(toHuman.data().path("message").path("status").asString()).isEqualTo("handoff");
            ApiResult toBot = owner.api()
                    .withHeader("Prefer", "wait=20")
                    .post(base + open + "/messages", Map.of("content", "What is the price?"));
            assertThat(toBot.data().path("reply").path("content").asString()).isEqualTo("Ten euros.");
            assertThat(owner.api().get(base + handedOff + "/messages").data()).hasSize(1);

            assertThat(owner.api()
                            .patch(base + handedOff, Map.of("status", "closed"))
                            .status())
                    .isEqualTo(200);
            assertThat(owner.api()
                            .post(base + handedOff + "/messages", Map.of("content", "hi"))
                            .status())
                    .isEqualTo(409);
            assertThat(owner.api()
                            .patch(base + handedOff, Map.of("status", "gone"))
                            .status())
                    .isEqualTo(422);
            // A closed conversation is reopened before it is handed over again; the refusal changes nothing.
            ApiResult closedToHandoff = owner.api().patch(base + handedOff, Map.of("status", "handoff"));
            assertThat(closedToHandoff.status()).as(closedToHandoff.toString()).isEqualTo(409);
            assertThat(closedToHandoff.body().path("error_code").asString()).isEqualTo("CONFLICT");
            assertThat(owner.api().get(base + handedOff).data().path("status").asString())
                    .isEqualTo("closed");
            assertThat(owner.api()
                            .patch(base + handedOff, Map.of("status", "open"))
                            .data()
                            .path("status")
                            .asString())
                    .isEqualTo("open");
        }
    }

    @Test
    void theMonthlyMessageQuotaAnswers429WithRetryAfterAndStoresNothing() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner, "free", Map.of("monthly_messages", 2L));
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        String conversation = Tenants.conversation(owner, org, bot);
        String messages = bots(org) + "/" + bot + "/conversations/" + conversation + "/messages";

        assertThat(owner.api().post(messages, Map.of("content", "one")).status())
                .isEqualTo(202);
        assertThat(owner.api().post(messages, Map.of("content", "two")).status())
                .isEqualTo(202);
        ApiResult third = owner.api().post(messages, Map.of("content", "three"));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body().path("error_code").asString()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(Long.parseLong(third.header("Retry-After"))).isPositive();
        assertThat(Db.count(
                        "select count(*) from chatbot.message where conversation_id = ?::uuid and role = 'user'",
                        conversation))
                .isEqualTo(2);
    }

    @Test
    void repliesCanBeRatedAndMessagesPagedWithACursor() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        String conversation = Tenants.conversation(owner, org, bot);
        String messages = bots(org) + "/" + bot + "/conversations/" + conversation + "/messages";
        var api = owner.api().withHeader("Prefer", "wait=20");
        ApiResult sent = api.post(messages, Map.of("content", "anything"));
        String reply = sent.data().path("reply").path("id").asString();
        String question = sent.data().path("message").path("id").asString();
        api.post(messages, Map.of("content", "more"));

        try (EventProbe probe = EventProbe.listen("conversation.message.feedback.*")) {
            ApiResult rated = owner.api()
                    .post(messages + "/" + reply + "/feedback", Map.of("rating", "down", "comment", "Not helpful"));
            assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
            assertThat(EventContracts.violations(probe.await(
                                    e -> e.routingKey().endsWith("success")
                                            && e.json().contains(reply),
                                    Duration.ofSeconds(20))
                            .json()))
                    .isEmpty();
        }
        assertThat(owner.api()
                        .post(messages + "/" + question + "/feedback", Map.of("rating", "up"))
                        .status())
                .isEqualTo(422);
        assertThat(owner.api()
                        .post(messages + "/" + reply + "/feedback", Map.of("rating", "meh"))
                        .status())
                .isEqualTo(422);
        assertThat(owner.api()
                        .post(messages + "/" + UUID.randomUUID() + "/feedback", Map.of("rating", "up"))
                        .status())
                .isEqualTo(404);

        ApiResult page1 = owner.api().get(messages + "?per_page=3");
        assertThat(page1.data()).hasSize(3);
        String cursor = page1.body().path("meta").path("next_cursor").asString();
        ApiResult page2 = owner.api().get(messages + "?per_page=3&cursor=" + cursor);
        assertThat(page2.data()).hasSize(1);
        assertThat(page2.data().get(0).path("role").asString()).isEqualTo("assistant");
        assertThat(owner.api().get(messages + "?cursor=nonsense").status()).isEqualTo(422);
    }

    @Test
    void messagesArePartitionedByMonthWithPartitionsCreatedAhead() {
        List<String> partitions = Db.strings("""
                select c.relname from pg_inherits i
                join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                join pg_namespace n on n.oid = p.relnamespace
                where n.nspname = 'chatbot' and p.relname = 'message' order by c.relname
                """);
        java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        for (int ahead = 0; ahead <= 3; ahead++) {
            java.time.YearMonth month = now.plusMonths(ahead);
            assertThat(partitions).contains(String.format("message_%d_%02d", month.getYear(), month.getMonthValue()));
        }
    }

    private void publishWork(String body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setPriority(ReplyQueue.MAX_PRIORITY);
        rabbit.send(
                "",
                PlatformTestEnvironment.QUEUE_PREFIX + "chatbot-service.replies",
                new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    private double deadLettered(String reason) {
        Counter counter = meters.find("chatbot.replies.dead.lettered")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
