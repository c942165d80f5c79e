package com.chatbotsaas.chatbot.engine;

import static com.chatbotsaas.chatbot.support.Tenants.bots;
import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.chatbot.support.ChatbotIntegrationTest;
import com.chatbotsaas.chatbot.support.EngineStub;
import com.chatbotsaas.chatbot.support.LocalServer;
import com.chatbotsaas.chatbot.support.SseRecorder;
import com.chatbotsaas.chatbot.support.Tenants;
import com.chatbotsaas.chatbot.support.Tenants.Actor;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The openai and n8n engines against local endpoints (WireMock for canned answers, {@link LocalServer} for the endless
 * ones), and the SSRF guard on their URLs.
 */
class RemoteEnginesIT extends ChatbotIntegrationTest {

    private static final List<String> PARTS = List.of("You can ", "reset it ", "in Settings.");

    @Test
    void aStreamingOpenAiEngineRelaysDeltasOverSseWithKnowledgeAsContext() throws Exception {
        String events = PARTS.stream()
                        .map(part -> "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + part + "\"}}]}\n\n")
                        .collect(Collectors.joining())
                + "data: [DONE]\n\n";
        try (EngineStub openai = EngineStub.answering(200, "text/event-stream", events)) {
            Tenants tenants = tenants();
            Actor owner = tenants.user();
            String org = tenants.organization(owner);
            String bot = Tenants.activeBot(owner, org, openAi(openai.url("/v1"), true))
                    .data()
                    .path("id")
                    .asString();
            Tenants.faq(owner, org, bot, "How do I reset my password?", "Settings, Security, Reset.");
            String conversation = Tenants.conversation(owner, org, bot);
            String base = tenants.baseUrl() + bots(org) + "/" + bot + "/conversations/" + conversation;

            try (SseRecorder stream =
                    SseRecorder.open(base + "/stream", Map.of("Authorization", "Bearer " + owner.token()))) {
                ApiResult sent = owner.api()
                        .post(
                                bots(org) + "/" + bot + "/conversations/" + conversation + "/messages",
                                Map.of("content", "How can I reset my password?"));
                assertThat(sent.status()).isEqualTo(202);
                stream.await(e -> e.name().equals("message.created"), Duration.ofSeconds(20));
                SseRecorder.Event completed =
                        stream.await(e -> e.name().equals("message.completed"), Duration.ofSeconds(30));
                assertThat(completed.data()).contains("You can reset it in Settings.");
                assertThat(stream.all("message.delta").stream()
                                .map(SseRecorder.Event::data)
                                .collect(Collectors.joining()))
                        .contains("You can ", "reset it ", "in Settings.");
            }
            EngineStub.Request request = openai.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.authorization()).isEqualTo("Bearer sk-local-key");
            assertThat(request.body())
                    .contains("\"model\":\"local-model\"", "\"stream\":true", "Be brief.", "Settings, Security, Reset.")
                    .contains("How can I reset my password?");
        }
    }

    @Test
    void aNonStreamingOpenAiEngineAnswers() {
        try (EngineStub openai = EngineStub.answering(
                200,
                "application/json",
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Plain answer\"}}]}")) {
            Tenants tenants = tenants();
            Actor owner = tenants.user();
            String org = tenants.organization(owner);
            String bot = Tenants.activeBot(owner, org, openAi(openai.url(""), false))
                    .data()
                    .path("id")
                    .asString();
            String conversation = Tenants.conversation(owner, org, bot);
            ApiResult answer = owner.api()
                    .withHeader("Prefer", "wait=20")
                    .post(
                            bots(org) + "/" + bot + "/conversations/" + conversation + "/messages",
                            Map.of("content", "Hi"));
            assertThat(answer.data().path("reply").path("content").asString()).isEqualTo("Plain answer");
            assertThat(openai.requests().getFirst().body()).contains("\"stream\":false");
        }
    }

    @Test
    void engineUrlsToLoopbackPrivateAndLinkLocalAddressesAreRefused() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        for (String url : List.of(
                "http://127.0.0.1:8080/hook",
                "http://localhost/hook",
                "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://10.1.2.3/hook",
                "http://172.16.5.4/hook",
                "http://192.168.1.1/hook",
                "http://0.0.0.0/hook",
                "http://[fd00::1]/hook",
                "file:///etc/passwd")) {
            ApiResult refused = owner.api()
                    .post(bots(org), Map.of("name", "SSRF", "engine", Map.of("type", "n8n", "webhook_url", url)));
            assertThat(refused.status()).as(url).isEqualTo(422);
            assertThat(refused.body().path("errors").has("engine.webhook_url"))
                    .as(url)
                    .isTrue();
        }
        assertThat(owner.api().get(bots(org)).data()).isEmpty();
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAndTheMessageGetsTheFallback() {
        try (EngineStub webhook = EngineStub.redirecting(307, "http://169.254.169.254/latest/meta-data");
                EventProbe probe = EventProbe.listen("conversation.message.reply.*")) {
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
                            Map.of("content", "Hi"));
            String messageId = sent.data().path("message").path("id").asString();
            EventProbe.Received failure = probe.await(e -> e.json().contains(messageId), Duration.ofSeconds(60));
            assertThat(failure.routingKey()).isEqualTo("conversation.message.reply.failure");
            assertThat(failure.event().path("errorcode").asString()).isEqualTo("UPSTREAM_ERROR");
            // Every attempt stopped at the redirect: the metadata address was never asked.
            assertThat(webhook.requests()).hasSize(3);
        }
    }

    @Test
    void endlessOrOversizedEngineAnswersAreCutOffAndTheMessagesGetTheFallback() {
        AtomicLong served = new AtomicLong();
        String longReply = "x".repeat(20_000);
        try (LocalServer sse = LocalServer.start((exchange, request) ->
                        endless(exchange, "text/event-stream", "", ": keep-alive " + "x".repeat(1000) + "\n", served));
                LocalServer json = LocalServer.start((exchange, request) -> endless(
                        exchange,
                        "application/json",
                        "{\"choices\":[{\"message\":{\"content\":\"",
                        "y".repeat(1000),
                        served));
                LocalServer webhook = LocalServer.start((exchange, request) ->
                        endless(exchange, "application/json", "{\"reply\":\"", "z".repeat(1000), served));
                EngineStub tooLong =
                        EngineStub.answering(200, "application/json", "{\"reply\":\"" + longReply + "\"}");
                EventProbe probe = EventProbe.listen("conversation.message.reply.*")) {
            Tenants tenants = tenants();
            Actor owner = tenants.user();
            String org = tenants.organization(owner);
            List<Map<String, Object>> engines = List.of(
                    openAi(sse.url("/v1"), true),
                    openAi(json.url("/v1"), false),
                    Map.of("type", "n8n", "webhook_url", webhook.url("/hook")),
                    Map.of("type", "n8n", "webhook_url", tooLong.url("/hook")));
            long start = System.nanoTime();
            Map<String, String> conversations = new LinkedHashMap<>();
            for (Map<String, Object> engine : engines) {
                String bot =
                        Tenants.activeBot(owner, org, engine).data().path("id").asString();
                String conversation = Tenants.conversation(owner, org, bot);
                ApiResult sent = owner.api()
                        .post(
                                bots(org) + "/" + bot + "/conversations/" + conversation + "/messages",
                                Map.of("content", "Hi"));
                assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
                conversations.put(
                        sent.data().path("message").path("id").asString(), bot + "/conversations/" + conversation);
            }
            for (Map.Entry<String, String> sent : conversations.entrySet()) {
                EventProbe.Received failure =
                        probe.await(e -> e.json().contains(sent.getKey()), Duration.ofSeconds(30));
                assertThat(failure.routingKey()).isEqualTo("conversation.message.reply.failure");
                // Cut off at the cap, not left to run into the timeout.
                assertThat(failure.event().path("errorcode").asString()).isEqualTo("UPSTREAM_ERROR");
                ApiResult messages = owner.api().get(bots(org) + "/" + sent.getValue() + "/messages");
                assertThat(messages.data().get(1).path("content").asString()).isEqualTo("Sorry, I do not know that.");
                assertThat(messages.data().get(1).path("status").asString()).isEqualTo("failed");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            // 3 endless endpoints × 3 attempts, each stopped after the 256 kB cap plus what the sockets buffered: on
            // loopback TCP autotunes the send and receive buffers to a few MB each (4.3 MB per attempt was seen), so
            // 8 MB per attempt; without the cap each would run to its 64 MB.
            assertThat(served.get()).isLessThan(9 * 8L * 1024 * 1024);
            assertThat(tooLong.requests()).hasSize(3);
        }
    }

    /** Writes the prefix, then the chunk again and again until the client goes away (bounded: 64 MB or 30 s). */
    private static void endless(
            HttpExchange exchange, String contentType, String prefix, String chunk, AtomicLong served)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            out.write(prefix.getBytes(StandardCharsets.UTF_8));
            for (long sent = 0; sent < 64L * 1024 * 1024 && System.nanoTime() < deadline; sent += bytes.length) {
                out.write(bytes);
                served.addAndGet(bytes.length);
            }
        } catch (IOException closed) {
            // The client stopped reading: what the test wants.
        }
    }

    private static Map<String, Object> openAi(String baseUrl, boolean stream) {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("type", "openai");
        engine.put("base_url", baseUrl);
        engine.put("model", "local-model");
        engine.put("api_key", "sk-local-key");
        engine.put("system_prompt", "Be brief.");
        engine.put("temperature", 0.2);
        engine.put("max_tokens", 200);
        engine.put("stream", stream);
        return engine;
    }
}
