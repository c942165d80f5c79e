package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.web.ApiResponse;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** user-org-service's internal permission API, called with the caller's own token. */
@FeignClient(name = "permissions", url = "${platform.services.user-org-url}", path = "/internal/v1")
interface PermissionApi {

    @GetMapping("/organizations/{orgId}/access")
    ApiResponse<OrganizationAccess> access(@PathVariable("orgId") UUID orgId);
}
