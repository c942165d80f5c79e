package com.chatbotsaas.chatbot.conversation;

import static com.chatbotsaas.chatbot.support.Tenants.bots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.chatbot.support.ChatbotIntegrationTest;
import com.chatbotsaas.chatbot.support.SseRecorder;
import com.chatbotsaas.chatbot.support.Tenants;
import com.chatbotsaas.chatbot.support.Tenants.Actor;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Conversation streams: capped per user and per conversation, and closed once the caller's access is gone. */
class ConversationStreamsIT extends ChatbotIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void streamsAreCappedPerUserAndPerConversation() throws Exception {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        Actor colleague = tenants.user();
        String org = tenants.organization(owner);
        tenants.join(org, colleague, "member");
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        String stream = bots(org) + "/" + bot + "/conversations/" + Tenants.conversation(owner, org, bot) + "/stream";
        String other = bots(org) + "/" + bot + "/conversations/" + Tenants.conversation(owner, org, bot) + "/stream";
        List<SseRecorder> open = new ArrayList<>();
        try {
            // The test configuration allows 3 per user and 4 per conversation.
            for (int i = 0; i < 3; i++) {
                open.add(open(tenants, owner, stream));
            }
            assertThat(refusal(tenants, owner, other)).contains("\"error_code\":\"RATE_LIMITED\"");

            open.add(open(tenants, colleague, stream));
            assertThat(refusal(tenants, colleague, stream)).contains("\"error_code\":\"RATE_LIMITED\"");
        } finally {
            open.forEach(SseRecorder::close);
        }
    }

    @Test
    void aMemberWhoLosesAccessHasTheirOpenStreamClosed() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        Actor member = tenants.user();
        String org = tenants.organization(owner);
        tenants.join(org, member, "member");
        String bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine())
                .data()
                .path("id")
                .asString();
        String stream = bots(org) + "/" + bot + "/conversations/" + Tenants.conversation(owner, org, bot) + "/stream";
        try (SseRecorder members = open(tenants, member, stream);
                SseRecorder owners = open(tenants, owner, stream)) {
            // Removed: user-org-service no longer grants them anything, and says so with an event.
            USER_ORG.grant(member.token(), org, "removed", Set.of());
            EventProbe.publish("member.remove.success", memberRemoved(org));

            await().atMost(Duration.ofSeconds(20)).until(members::ended);
            assertThat(members.all("stream.closed")).hasSize(1);
            assertThat(owners.ended()).isFalse();
        }
    }

    private static SseRecorder open(Tenants tenants, Actor actor, String path) {
        return SseRecorder.open(tenants.baseUrl() + path, Map.of("Authorization", "Bearer " + actor.token()));
    }

    /** The body of a refused stream request; fails (without waiting for an endless body) when it was accepted. */
    private static String refusal(Tenants tenants, Actor actor, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tenants.baseUrl() + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + actor.token())
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode())
                    .as("status of a stream past the cap")
                    .isEqualTo(429);
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String memberRemoved(String org) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
        event.put("id", UUID.randomUUID().toString());
        event.put("type", "com.chatbotsaas.member.remove");
        event.put("orgid", org);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("resource_type", "member");
        return JSON.writeValueAsString(event);
    }
}
