package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

    private final Organizations organizations;

    OrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    @PostMapping
    @Audited(action = "org.create", resourceType = "organization")
    ResponseEntity<ApiResponse<OrganizationResponse>> create(@Valid @RequestBody CreateOrganizationRequest request) {
        OrganizationResponse created = organizations.create(Caller.current(), request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.id()))
                .body(ApiResponse.of("Organization created", created));
    }

    @GetMapping
    ApiResponse<List<OrganizationResponse>> list() {
        List<OrganizationResponse> mine = organizations.listFor(Caller.current());
        return ApiResponse.page(
                "Organizations retrieved",
                mine,
                Map.of("pagination", Map.of("page", 1, "per_page", mine.size(), "total", mine.size(), "last_page", 1)));
    }
}
