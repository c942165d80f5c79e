package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.web.ApiResponse;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * user-org-service's internal permission API, called with the caller's own token. Its address is the client's
 * {@code spring.cloud.openfeign.client.config.permissions.url} (platform-defaults.yml), read when the client is
 * created: an annotation attribute would be fixed when the build generates the context's code (Spring AOT).
 */
@FeignClient(name = "permissions", path = "/internal/v1")
interface PermissionApi {

    @GetMapping("/organizations/{orgId}/access")
    ApiResponse<OrganizationAccess> access(@PathVariable("orgId") UUID orgId);
}
