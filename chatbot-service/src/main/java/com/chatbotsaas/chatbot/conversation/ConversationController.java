package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.chatbot.Actions;
import com.chatbotsaas.chatbot.chatbot.Chatbot;
import com.chatbotsaas.chatbot.chatbot.Chatbots;
import com.chatbotsaas.chatbot.conversation.ConversationRequests.CreateConversationRequest;
import com.chatbotsaas.chatbot.conversation.ConversationRequests.FeedbackRequest;
import com.chatbotsaas.chatbot.conversation.ConversationRequests.SendMessageRequest;
import com.chatbotsaas.chatbot.conversation.ConversationRequests.UpdateConversationRequest;
import com.chatbotsaas.chatbot.organization.OrganizationPlans;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.permission.AccessProvider;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.PageQuery;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class ConversationController {

    private static final String BASE = "/api/v1/organizations/{orgId}/chatbots/{botId}/conversations";

    private final Chatbots chatbots;
    private final Conversations conversations;
    private final Messages messages;
    private final Feedback feedback;
    private final ReplyStreams streams;
    private final OrganizationPlans plans;
    private final AccessProvider access;

    ConversationController(
            Chatbots chatbots,
            Conversations conversations,
            Messages messages,
            Feedback feedback,
            ReplyStreams streams,
            OrganizationPlans plans,
            AccessProvider access) {
        this.chatbots = chatbots;
        this.conversations = conversations;
        this.messages = messages;
        this.feedback = feedback;
        this.streams = streams;
        this.plans = plans;
        this.access = access;
    }

    @PostMapping(BASE)
    @RequiresPermission("conversations.write")
    @Audited(action = Actions.CONVERSATION_CREATE, resourceType = "conversation")
    ResponseEntity<ApiResponse<ConversationView>> create(
            @PathVariable UUID orgId,
            @PathVariable UUID botId,
            @Valid @RequestBody(required = false) @Nullable CreateConversationRequest request) {
        Chatbot bot = chatbots.get(orgId, botId);
        ConversationView conversation = conversations
                .open(
                        bot,
                        "api",
                        request == null ? null : request.externalUserId(),
                        request == null ? null : request.metadata())
                .conversation();
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/chatbots/" + botId
                        + "/conversations/" + conversation.id()))
                .body(ApiResponse.of("Conversation created", conversation));
    }

    @GetMapping(BASE)
    @RequiresPermission("conversations.read")
    ApiResponse<List<ConversationView>> list(
            @PathVariable UUID orgId,
            @PathVariable UUID botId,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage,
            @RequestParam(required = false) @Nullable String status) {
        Map.Entry<List<ConversationView>, Map<String, Object>> result =
                conversations.list(orgId, botId, status, PageQuery.of(page, perPage));
        return ApiResponse.page("Conversations retrieved", result.getKey(), result.getValue());
    }

    @GetMapping(BASE + "/{conversationId}")
    @RequiresPermission("conversations.read")
    ApiResponse<ConversationView> get(
            @PathVariable UUID orgId, @PathVariable UUID botId, @PathVariable UUID conversationId) {
        return ApiResponse.of(
                "Conversation retrieved",
                conversations.require(orgId, botId, conversationId).view());
    }

    @PatchMapping(BASE + "/{conversationId}")
    @RequiresPermission("conversations.write")
    @Audited(action = Actions.CONVERSATION_UPDATE, resourceType = "conversation")
    ApiResponse<ConversationView> update(
            @PathVariable UUID orgId,
            @PathVariable UUID botId,
            @PathVariable UUID conversationId,
            @Valid @RequestBody UpdateConversationRequest request) {
        return ApiResponse.of(
                "Conversation updated", conversations.updateStatus(orgId, botId, conversationId, request.status()));
    }

    @PostMapping(BASE + "/{conversationId}/messages")
    @RequiresPermission("conversations.write")
    @Audited(action = Actions.CONVERSATION_MESSAGE_SEND, resourceType = "message")
    ResponseEntity<ApiResponse<Map<String, Object>>> send(
            @PathVariable UUID orgId,
            @PathVariable UUID botId,
            @PathVariable UUID conversationId,
            @RequestHeader(name = "Prefer", required = false) @Nullable String prefer,
            @Valid @RequestBody SendMessageRequest request) {
        Chatbot bot = chatbots.get(orgId, botId);
        Conversations.Conversation conversation = conversations.require(orgId, botId, conversationId);
        OrganizationPlans.Plan plan = plans.remember(OrganizationAccess.current());
        MessageView message = messages.send(bot, conversation, request.content(), plan);
        return MessageResponses.accepted(message, messages.preferredWait(prefer));
    }

    @GetMapping(BASE + "/{conversationId}/messages")
    @RequiresPermission("conversations.read")
    ApiResponse<List<MessageView>> messages(
            @PathVariable UUID orgId,
            @PathVariable UUID botId,
            @PathVariable UUID conversationId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
        conversations.require(orgId, botId, conversationId);
        Map.Entry<List<MessageView>, Map<String, Object>> page =
                messages.page(conversationId, cursor, PageQuery.of(1, perPage).perPage());
        return ApiResponse.page("Messages retrieved", page.getKey(), page.getValue());
    }

    @GetMapping(path = BASE + "/{conversationId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission("conversations.read")
    SseEmitter stream(@PathVariable UUID orgId, @PathVariable UUID botId, @PathVariable UUID conversationId) {
        conversations.require(orgId, botId, conversationId);
        // The stream outlives this request: its access is checked again later with the caller's own credentials
        // (the platform's access answers are cached, and evicted when memberships or roles change).
        SecurityContext caller = SecurityContextHolder.getContext();
        return streams.subscribe(conversationId, Caller.current().id(), () -> stillAllowed(orgId, caller));
    }

    private boolean stillAllowed(UUID orgId, SecurityContext caller) {
        SecurityContextHolder.setContext(caller);
        try {
            return access.access(orgId).allows("conversations.read");
        } catch (ApiException e) {
            if (e.errorCode().status().is5xxServerError()) {
                // No answer now (user-org-service down): asked again at the next check.
                throw e;
            }
            // No member any more (404), or the token expired (401): the client reconnects with a fresh token.
            return false;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @PostMapping(BASE + "/{conversationId}/messages/{messageId}/feedback")
    @RequiresPermission("conversations.write")
    @Audited(action = Actions.CONVERSATION_MESSAGE_FEEDBACK, resourceType = "message")
    ApiResponse<Map<String, Object>> feedback(
            @PathVariable UUID orgId,
            @PathVariable UUID botId,
            @PathVariable UUID conversationId,
            @PathVariable UUID messageId,
            @Valid @RequestBody FeedbackRequest request) {
        conversations.require(orgId, botId, conversationId);
        return ApiResponse.of(
                "Feedback recorded",
                feedback.rate(orgId, conversationId, messageId, request.rating(), request.comment()));
    }
}
