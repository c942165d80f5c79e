package com.chatbotsaas.chatbot.widget;

import com.chatbotsaas.chatbot.Actions;
import com.chatbotsaas.chatbot.chatbot.Chatbot;
import com.chatbotsaas.chatbot.chatbot.ChatbotStatus;
import com.chatbotsaas.chatbot.chatbot.Chatbots;
import com.chatbotsaas.chatbot.conversation.ConversationRequests.CreateConversationRequest;
import com.chatbotsaas.chatbot.conversation.ConversationRequests.SendMessageRequest;
import com.chatbotsaas.chatbot.conversation.Conversations;
import com.chatbotsaas.chatbot.conversation.MessageResponses;
import com.chatbotsaas.chatbot.conversation.MessageView;
import com.chatbotsaas.chatbot.conversation.Messages;
import com.chatbotsaas.chatbot.organization.OrganizationPlans;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.idempotency.ShownOnce;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.ErrorCode;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public widget API: no user token; the chatbot's public key names the chatbot (active ones only), the page's
 * {@code Origin} must be one of its allowed origins, and a conversation token (given once, when the conversation is
 * opened) proves the conversation is the caller's. Rate limits per key and IP are the gateway's.
 */
@RestController
class WidgetController {

    static final String TOKEN_HEADER = "X-Conversation-Token";
    private static final String BASE = "/api/v1/public/chatbots/{publicKey}";

    private final Chatbots chatbots;
    private final Conversations conversations;
    private final Messages messages;
    private final OrganizationPlans plans;

    WidgetController(Chatbots chatbots, Conversations conversations, Messages messages, OrganizationPlans plans) {
        this.chatbots = chatbots;
        this.conversations = conversations;
        this.messages = messages;
        this.plans = plans;
    }

    @GetMapping(BASE)
    ApiResponse<Map<String, Object>> describe(
            @PathVariable String publicKey, @RequestHeader(name = "Origin", required = false) @Nullable String origin) {
        Chatbot bot = live(publicKey, origin);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", bot.name());
        view.put("welcome_message", bot.welcomeMessage());
        return ApiResponse.of("Chatbot retrieved", view);
    }

    @PostMapping(BASE + "/conversations")
    // The conversation token is its bearer credential: a retry opens a fresh conversation instead of replaying it.
    @ShownOnce
    @Audited(action = Actions.CONVERSATION_CREATE, resourceType = "conversation")
    ResponseEntity<ApiResponse<Map<String, Object>>> open(
            @PathVariable String publicKey,
            @RequestHeader(name = "Origin", required = false) @Nullable String origin,
            @Valid @RequestBody(required = false) @Nullable CreateConversationRequest request) {
        Chatbot bot = live(publicKey, origin);
        Conversations.Opened opened = conversations.openPublic(
                bot,
                plans.of(bot.organizationId()).monthlyMessages(),
                request == null ? null : request.externalUserId(),
                request == null ? null : request.metadata());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", opened.conversation().id());
        body.put("token", opened.token());
        body.put("status", opened.conversation().status());
        body.put("welcome_message", bot.welcomeMessage());
        return ResponseEntity.created(URI.create("/api/v1/public/chatbots/" + publicKey + "/conversations/"
                        + opened.conversation().id()))
                .body(ApiResponse.of("Conversation created", body));
    }

    @PostMapping(BASE + "/conversations/{conversationId}/messages")
    @Audited(action = Actions.CONVERSATION_MESSAGE_SEND, resourceType = "message")
    ResponseEntity<ApiResponse<Map<String, Object>>> send(
            @PathVariable String publicKey,
            @PathVariable UUID conversationId,
            @RequestHeader(name = "Origin", required = false) @Nullable String origin,
            @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String token,
            @RequestHeader(name = "Prefer", required = false) @Nullable String prefer,
            @Valid @RequestBody SendMessageRequest request) {
        Chatbot bot = live(publicKey, origin);
        Conversations.Conversation conversation = conversations.requireWithToken(bot, conversationId, token);
        MessageView message = messages.send(bot, conversation, request.content(), plans.of(bot.organizationId()));
        return MessageResponses.accepted(message, messages.preferredWait(prefer));
    }

    @GetMapping(BASE + "/conversations/{conversationId}/messages")
    ApiResponse<List<MessageView>> list(
            @PathVariable String publicKey,
            @PathVariable UUID conversationId,
            @RequestHeader(name = "Origin", required = false) @Nullable String origin,
            @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String cursor) {
        Chatbot bot = live(publicKey, origin);
        conversations.requireWithToken(bot, conversationId, token);
        Map.Entry<List<MessageView>, Map<String, Object>> page = messages.page(conversationId, cursor, 50);
        return ApiResponse.page("Messages retrieved", page.getKey(), page.getValue());
    }

    /** The active chatbot of the key, for an allowed origin; 404 for unknown keys and bots that are not live. */
    private Chatbot live(String publicKey, @Nullable String origin) {
        Chatbot bot = chatbots.byPublicKey(publicKey)
                .filter(b -> b.status() == ChatbotStatus.ACTIVE)
                .orElseThrow(() -> ApiException.notFound("Chatbot"));
        OrganizationPlans.Plan plan = plans.of(bot.organizationId());
        if (plan.archived() || plan.suspended()) {
            // A suspended (or deleted) organization's widget is gone, as if the key were unknown.
            throw ApiException.notFound("Chatbot");
        }
        if (!bot.allowsOrigin(origin)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This origin may not use the chatbot");
        }
        return bot;
    }
}
