package com.chatbotsaas.chatbot.chatbot;

import com.chatbotsaas.chatbot.Actions;
import com.chatbotsaas.chatbot.chatbot.ChatbotRequests.CreateChatbotRequest;
import com.chatbotsaas.chatbot.chatbot.ChatbotRequests.UpdateChatbotRequest;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.PageQuery;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ChatbotController {

    private static final String BASE = "/api/v1/organizations/{orgId}/chatbots";

    private final Chatbots chatbots;

    ChatbotController(Chatbots chatbots) {
        this.chatbots = chatbots;
    }

    @PostMapping(BASE)
    @RequiresPermission("chatbots.write")
    @Audited(action = Actions.CHATBOT_CREATE, resourceType = "chatbot")
    ResponseEntity<ApiResponse<ChatbotResponse>> create(
            @PathVariable UUID orgId, @Valid @RequestBody CreateChatbotRequest request) {
        ChatbotResponse bot = chatbots.create(orgId, request, OrganizationAccess.current());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/chatbots/" + bot.id()))
                .body(ApiResponse.of("Chatbot created", bot));
    }

    @GetMapping(BASE)
    @RequiresPermission("chatbots.read")
    ApiResponse<List<ChatbotResponse>> list(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String q) {
        Map.Entry<List<ChatbotResponse>, Map<String, Object>> result =
                chatbots.list(orgId, status, q, PageQuery.of(page, perPage), writer());
        return ApiResponse.page("Chatbots retrieved", result.getKey(), result.getValue());
    }

    @GetMapping(BASE + "/{botId}")
    @RequiresPermission("chatbots.read")
    ApiResponse<ChatbotResponse> get(@PathVariable UUID orgId, @PathVariable UUID botId) {
        return ApiResponse.of("Chatbot retrieved", ChatbotResponse.of(chatbots.get(orgId, botId), writer()));
    }

    /** Whether the caller may see the engine's URLs and prompt in full. */
    private static boolean writer() {
        return OrganizationAccess.current().allows("chatbots.write");
    }

    @PatchMapping(BASE + "/{botId}")
    @RequiresPermission("chatbots.write")
    @Audited(action = Actions.CHATBOT_UPDATE, resourceType = "chatbot")
    ApiResponse<ChatbotResponse> update(
            @PathVariable UUID orgId, @PathVariable UUID botId, @Valid @RequestBody UpdateChatbotRequest request) {
        return ApiResponse.of("Chatbot updated", chatbots.update(orgId, botId, request));
    }

    @PostMapping(BASE + "/{botId}/public-key")
    @RequiresPermission("chatbots.write")
    @Audited(action = Actions.CHATBOT_UPDATE, resourceType = "chatbot")
    ApiResponse<ChatbotResponse> rotatePublicKey(@PathVariable UUID orgId, @PathVariable UUID botId) {
        return ApiResponse.of("Public key rotated", chatbots.rotatePublicKey(orgId, botId));
    }

    @DeleteMapping(BASE + "/{botId}")
    @RequiresPermission("chatbots.delete")
    @Audited(action = Actions.CHATBOT_DELETE, resourceType = "chatbot")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID orgId, @PathVariable UUID botId) {
        chatbots.delete(orgId, botId);
    }

    @PostMapping(BASE + "/{botId}/train")
    @RequiresPermission("knowledge.write")
    @Audited(action = Actions.CHATBOT_TRAIN, resourceType = "chatbot")
    ResponseEntity<ApiResponse<Map<String, String>>> train(@PathVariable UUID orgId, @PathVariable UUID botId) {
        String status = chatbots.requestTraining(orgId, botId);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(ApiResponse.of("Training started", Map.of("training_status", status)));
    }
}
