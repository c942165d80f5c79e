package com.chatbotsaas.auth.apiclient;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.idempotency.ShownOnce;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.PageQuery;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations/{orgId}/api-clients")
class ApiClientController {

    private final ApiClients apiClients;

    ApiClientController(ApiClients apiClients) {
        this.apiClients = apiClients;
    }

    @PostMapping
    @ShownOnce("client_secret")
    @Audited(action = Actions.API_CLIENT_CREATE, resourceType = "api_client")
    ResponseEntity<ApiResponse<CreatedApiClient>> create(
            @PathVariable UUID orgId, @Valid @RequestBody CreateApiClientRequest request) {
        CreatedApiClient created = apiClients.create(orgId, request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/api-clients/" + created.id()))
                .body(ApiResponse.of("API client created; store the secret now, it is not shown again", created));
    }

    @GetMapping
    ApiResponse<List<ApiClientView>> list(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
        PageQuery query = PageQuery.of(page, perPage);
        ApiClients.PageOfClients clients = apiClients.list(orgId, query);
        return ApiResponse.page("API clients retrieved", clients.items(), query.meta(clients.total()));
    }

    @DeleteMapping("/{apiClientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(action = Actions.API_CLIENT_REVOKE, resourceType = "api_client")
    void revoke(@PathVariable UUID orgId, @PathVariable UUID apiClientId) {
        apiClients.revoke(orgId, apiClientId);
    }
}
