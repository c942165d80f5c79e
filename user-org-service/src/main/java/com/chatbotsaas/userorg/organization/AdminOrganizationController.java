package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.PageQuery;
import com.chatbotsaas.userorg.Actions;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators (realm role {@code platform-admin}) list every organization, suspend, reactivate and change plans. */
@RestController
@RequestMapping("/api/v1/admin/organizations")
class AdminOrganizationController {

    private final Organizations organizations;

    AdminOrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping
    ApiResponse<List<OrganizationResponse>> list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
        requirePlatformAdmin();
        PageQuery pageQuery = PageQuery.of(page, perPage);
        Map.Entry<List<OrganizationResponse>, Long> result = organizations.adminList(q, status, pageQuery);
        return ApiResponse.page("Organizations retrieved", result.getKey(), pageQuery.meta(result.getValue()));
    }

    @PatchMapping("/{orgId}")
    @Audited(action = Actions.ORG_UPDATE, resourceType = "organization")
    ApiResponse<OrganizationResponse> update(
            @PathVariable UUID orgId, @Valid @RequestBody AdminUpdateOrganizationRequest request) {
        requirePlatformAdmin();
        return ApiResponse.of("Organization updated", organizations.adminUpdate(orgId, request));
    }

    private static void requirePlatformAdmin() {
        if (!Caller.current().hasRealmRole("platform-admin")) {
            throw ApiException.forbidden();
        }
    }
}
