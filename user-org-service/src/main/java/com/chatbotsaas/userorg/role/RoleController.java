package com.chatbotsaas.userorg.role;

import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.userorg.Actions;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
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
class RoleController {

    private final Roles roles;

    RoleController(Roles roles) {
        this.roles = roles;
    }

    /** The permission catalog custom roles are made of. */
    @GetMapping("/api/v1/permissions")
    ApiResponse<List<String>> permissions() {
        return ApiResponse.of("Permissions retrieved", RoleCatalog.PERMISSIONS);
    }

    @GetMapping("/api/v1/organizations/{orgId}/roles")
    @RequiresPermission("members.read")
    ApiResponse<List<RoleResponse>> list(@PathVariable UUID orgId) {
        return ApiResponse.of("Roles retrieved", roles.list(orgId));
    }

    @PostMapping("/api/v1/organizations/{orgId}/roles")
    @RequiresPermission("roles.manage")
    @Audited(action = Actions.ROLE_CREATE, resourceType = "role")
    ResponseEntity<ApiResponse<RoleResponse>> create(
            @PathVariable UUID orgId, @Valid @RequestBody CreateRoleRequest request) {
        RoleResponse role = roles.create(orgId, request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/roles/" + role.id()))
                .body(ApiResponse.of("Role created", role));
    }

    @PatchMapping("/api/v1/organizations/{orgId}/roles/{roleId}")
    @RequiresPermission("roles.manage")
    @Audited(action = Actions.ROLE_UPDATE, resourceType = "role")
    ApiResponse<RoleResponse> update(
            @PathVariable UUID orgId, @PathVariable UUID roleId, @Valid @RequestBody UpdateRoleRequest request) {
        return ApiResponse.of("Role updated", roles.update(orgId, roleId, request));
    }

    @DeleteMapping("/api/v1/organizations/{orgId}/roles/{roleId}")
    @RequiresPermission("roles.manage")
    @Audited(action = Actions.ROLE_DELETE, resourceType = "role")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @PathVariable UUID orgId,
            @PathVariable UUID roleId,
            @RequestParam(name = "reassign_to", required = false) @Nullable String reassignTo) {
        roles.delete(orgId, roleId, reassignTo, OrganizationAccess.current());
    }
}
