package com.chatbotsaas.chatbot.messaging;

import static com.chatbotsaas.chatbot.support.Tenants.bots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.chatbot.support.ChatbotIntegrationTest;
import com.chatbotsaas.chatbot.support.Tenants;
import com.chatbotsaas.chatbot.support.Tenants.Actor;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class OrganizationDeletedIT extends ChatbotIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void deletingTheOrganizationArchivesItsChatbotsAndStopsTheirWidget() {
        Tenants tenants = tenants();
        Actor owner = tenants.user();
        String org = tenants.organization(owner);
        var bot = Tenants.activeBot(owner, org, Tenants.knowledgeEngine(), "https://a.example");
        String botId = bot.data().path("id").asString();
        String key = bot.data().path("public_key").asString();
        try (EventProbe probe = EventProbe.listen("chatbot.update.success")) {
            ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
            event.put("id", java.util.UUID.randomUUID().toString());
            event.put("type", "com.chatbotsaas.org.delete");
            event.put("orgid", org);
            ((ObjectNode) event.get("data")).put("resource_id", org);
            String json = JSON.writeValueAsString(event);
            EventProbe.publish("org.delete.success", json);
            // Delivered twice, handled once.
            EventProbe.publish("org.delete.success", json);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> owner.api()
                            .get(bots(org) + "/" + botId)
                            .data()
                            .path("status")
                            .asString()
                            .equals("archived"));
            var archived = probe.await(e -> e.json().contains(botId), Duration.ofSeconds(20));
            assertThat(archived.event().path("actortype").asString()).isEqualTo("system");
            assertThat(EventContracts.violations(archived.json())).isEmpty();
        }
        assertThat(tenants.anonymous()
                        .withHeader("Origin", "https://a.example")
                        .post("/api/v1/public/chatbots/" + key + "/conversations", Map.of())
                        .status())
                .isEqualTo(404);
    }
}
