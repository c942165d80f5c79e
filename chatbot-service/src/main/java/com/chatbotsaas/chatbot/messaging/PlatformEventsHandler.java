package com.chatbotsaas.chatbot.messaging;

import com.chatbotsaas.chatbot.chatbot.Chatbots;
import com.chatbotsaas.chatbot.conversation.Replies;
import com.chatbotsaas.chatbot.knowledge.Knowledge;
import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.events.ReceivedEvent;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events this service acts on: its own {@code chatbot.train} (training runs here, off the request) and
 * user-org-service's {@code org.delete} (the organization's chatbots are archived and stop answering).
 */
@Component
class PlatformEventsHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformEventsHandler.class);
    private static final String TRAINING = "chatbot-service.training";
    private static final String ORGANIZATIONS = "chatbot-service.organizations";

    private final IdempotentConsumer consumer;
    private final Chatbots chatbots;
    private final Knowledge knowledge;
    private final Replies replies;
    private final JsonMapper jsonMapper;

    PlatformEventsHandler(
            IdempotentConsumer consumer,
            Chatbots chatbots,
            Knowledge knowledge,
            Replies replies,
            JsonMapper jsonMapper) {
        this.consumer = consumer;
        this.chatbots = chatbots;
        this.knowledge = knowledge;
        this.replies = replies;
        this.jsonMapper = jsonMapper;
    }

    @RabbitListener(queues = "${platform.messaging.consumer.queue}")
    void on(Message message) {
        ReceivedEvent event = ReceivedEvent.parse(message, jsonMapper);
        if (!"success".equals(event.attribute("outcome"))) {
            return;
        }
        switch (event.action()) {
            case "chatbot.train" -> onTrain(event);
            case "org.delete" -> onOrganizationDeleted(event);
            default -> log.debug("Ignoring {}", event.type());
        }
    }

    private void onTrain(ReceivedEvent event) {
        UUID chatbotId =
                UUID.fromString(event.dataAs(ResourceData.class, jsonMapper).resourceId());
        chatbots.trainingStatus(chatbotId, "training");
        try {
            boolean ran = consumer.handle(TRAINING, event, () -> {
                int chunks = knowledge.reindex(chatbotId);
                chatbots.trainingStatus(chatbotId, "ready");
                log.info("Chatbot {} trained: {} chunks", chatbotId, chunks);
            });
            if (!ran) {
                chatbots.trainingStatus(chatbotId, "ready");
            }
        } catch (RuntimeException e) {
            chatbots.trainingStatus(chatbotId, "failed");
            throw e;
        }
    }

    private void onOrganizationDeleted(ReceivedEvent event) {
        String org = event.attribute("orgid");
        UUID organizationId = UUID.fromString(
                org != null ? org : event.dataAs(ResourceData.class, jsonMapper).resourceId());
        consumer.handle(ORGANIZATIONS, event, () -> {
            chatbots.archiveOrganization(organizationId, event.attribute("requestid"));
            replies.cancelOrganization(organizationId);
        });
    }

    /** What this service reads of the events' data. */
    record ResourceData(String resourceType, String resourceId) {}
}
