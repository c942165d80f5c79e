package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.PageQuery;
import com.chatbotsaas.userorg.Actions;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

    private final Organizations organizations;

    OrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    @PostMapping
    @Audited(action = Actions.ORG_CREATE, resourceType = "organization")
    ResponseEntity<ApiResponse<OrganizationResponse>> create(@Valid @RequestBody CreateOrganizationRequest request) {
        OrganizationResponse created = organizations.create(Caller.current(), request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.id()))
                .body(ApiResponse.of("Organization created", created));
    }

    /** The caller's organizations with their role in each (a user belongs to few: one page). */
    @GetMapping
    ApiResponse<List<OrganizationResponse>> list() {
        List<OrganizationResponse> mine = organizations.listFor(Caller.current());
        return ApiResponse.page(
                "Organizations retrieved", mine, new PageQuery(1, Math.max(1, mine.size())).meta(mine.size()));
    }

    @GetMapping("/{orgId}")
    @RequiresPermission("org.read")
    ApiResponse<OrganizationResponse> get(@PathVariable UUID orgId) {
        return ApiResponse.of("Organization retrieved", organizations.get(orgId));
    }

    @PatchMapping("/{orgId}")
    @RequiresPermission("org.update")
    @Audited(action = Actions.ORG_UPDATE, resourceType = "organization")
    ApiResponse<OrganizationResponse> update(
            @PathVariable UUID orgId, @Valid @RequestBody UpdateOrganizationRequest request) {
        return ApiResponse.of("Organization updated", organizations.update(orgId, request));
    }

    @DeleteMapping("/{orgId}")
    @RequiresPermission("org.delete")
    @Audited(action = Actions.ORG_DELETE, resourceType = "organization")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID orgId) {
        organizations.delete(orgId);
    }
}
