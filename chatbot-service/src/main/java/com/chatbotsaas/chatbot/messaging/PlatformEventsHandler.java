package com.chatbotsaas.chatbot.messaging;

import com.chatbotsaas.chatbot.chatbot.Chatbots;
import com.chatbotsaas.chatbot.conversation.Replies;
import com.chatbotsaas.chatbot.knowledge.Knowledge;
import com.chatbotsaas.chatbot.organization.OrganizationPlans;
import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.events.ReceivedEvent;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events this service acts on: its own {@code chatbot.train} (training runs here, off the request) and
 * user-org-service's {@code org.delete} (the organization's chatbots are archived and stop answering) and its
 * suspensions and reactivations ({@code org.update} with a status change; {@code org.suspend} / {@code org.reactivate}
 * should it ever emit them): a suspended organization's widget answers 404.
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
    private final OrganizationPlans plans;
    private final JsonMapper jsonMapper;

    PlatformEventsHandler(
            IdempotentConsumer consumer,
            Chatbots chatbots,
            Knowledge knowledge,
            Replies replies,
            OrganizationPlans plans,
            JsonMapper jsonMapper) {
        this.consumer = consumer;
        this.chatbots = chatbots;
        this.knowledge = knowledge;
        this.replies = replies;
        this.plans = plans;
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
            case "org.suspend" -> suspended(event, true);
            case "org.reactivate" -> suspended(event, false);
            case "org.update" -> onOrganizationUpdated(event);
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

    /**
     * user-org-service reports an operator's suspension or reactivation as {@code org.update} with
     * {@code changes.status: [old, new]}; other changes of the organization are not this service's concern.
     */
    private void onOrganizationUpdated(ReceivedEvent event) {
        JsonNode status = event.data().path("changes").path("status");
        if (status.isArray() && status.size() == 2) {
            switch (status.get(1).asString("")) {
                case "suspended" -> suspended(event, true);
                case "active" -> suspended(event, false);
                default -> log.debug("Ignoring status {} of {}", status, event.id());
            }
        }
    }

    /** Setting the flag twice changes nothing, so a redelivered event needs no bookkeeping. */
    private void suspended(ReceivedEvent event, boolean suspended) {
        String org = event.attribute("orgid");
        UUID organizationId = UUID.fromString(
                org != null ? org : event.dataAs(ResourceData.class, jsonMapper).resourceId());
        plans.markSuspended(organizationId, suspended);
        log.info("Organization {} {}", organizationId, suspended ? "suspended" : "reactivated");
    }

    /** What this service reads of the events' data. */
    record ResourceData(String resourceType, String resourceId) {}
}
