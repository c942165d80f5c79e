package com.chatbotsaas.userorg.access;

import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.permission.Permissions;
import com.chatbotsaas.platform.web.ApiResponse;
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

    private final Permissions permissions;

    AccessController(Permissions permissions) {
        this.permissions = permissions;
    }

    @GetMapping("/internal/v1/organizations/{orgId}/access")
    ApiResponse<OrganizationAccess> access(@PathVariable UUID orgId) {
        return ApiResponse.of("Access retrieved", permissions.access(orgId));
    }
}
