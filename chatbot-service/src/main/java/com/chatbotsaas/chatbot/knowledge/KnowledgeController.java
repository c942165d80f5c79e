package com.chatbotsaas.chatbot.knowledge;

import com.chatbotsaas.chatbot.Actions;
import com.chatbotsaas.platform.audit.Audited;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KnowledgeController {

    private static final String BASE = "/api/v1/organizations/{orgId}/chatbots/{botId}/knowledge";

    private final Knowledge knowledge;

    KnowledgeController(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @PostMapping(BASE)
    @RequiresPermission("knowledge.write")
    @Audited(action = Actions.KNOWLEDGE_CREATE, resourceType = "knowledge")
    ResponseEntity<ApiResponse<KnowledgeResponse>> add(
            @PathVariable UUID orgId, @PathVariable UUID botId, @Valid @RequestBody KnowledgeRequest request) {
        KnowledgeResponse item = knowledge.add(orgId, botId, request);
        return ResponseEntity.created(
                        URI.create("/api/v1/organizations/" + orgId + "/chatbots/" + botId + "/knowledge/" + item.id()))
                .body(ApiResponse.of("Knowledge added", item));
    }

    @GetMapping(BASE)
    @RequiresPermission("chatbots.read")
    ApiResponse<List<KnowledgeResponse>> list(
            @PathVariable UUID orgId,
            @PathVariable UUID botId,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
        Map.Entry<List<KnowledgeResponse>, Map<String, Object>> result =
                knowledge.list(orgId, botId, PageQuery.of(page, perPage));
        return ApiResponse.page("Knowledge retrieved", result.getKey(), result.getValue());
    }

    @DeleteMapping(BASE + "/{knowledgeId}")
    @RequiresPermission("knowledge.write")
    @Audited(action = Actions.KNOWLEDGE_DELETE, resourceType = "knowledge")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID orgId, @PathVariable UUID botId, @PathVariable UUID knowledgeId) {
        knowledge.delete(orgId, botId, knowledgeId);
    }
}
