package com.chatbotsaas.userorg.access;

import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.userorg.organization.Organizations;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal permission API other services ask before touching an organization's resources. It answers for the
 * token's own subject only, so a user can learn nothing but their own standing. Never routed by the gateway.
 */
@RestController
class AccessController {

    private final Organizations organizations;

    AccessController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/internal/v1/organizations/{orgId}/access")
    ApiResponse<OrganizationAccess> access(@PathVariable UUID orgId) {
        Caller caller = Caller.current();
        UUID userId = UUID.fromString(caller.id());
        return organizations
                .membership(orgId, userId)
                .map(m -> ApiResponse.of(
                        "Access retrieved",
                        new OrganizationAccess(
                                orgId,
                                caller.id(),
                                m.role(),
                                "active".equals(m.organizationStatus())
                                        ? Roles.permissionsOf(m.role())
                                        : java.util.Set.of(),
                                m.organizationStatus(),
                                m.plan())))
                .orElseThrow(() -> ApiException.notFound("Organization"));
    }
}
