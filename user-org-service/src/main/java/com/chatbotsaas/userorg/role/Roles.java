package com.chatbotsaas.userorg.role;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roles of an organization: the four system roles every organization has, and its custom roles, each a named set
 * of catalog permissions. Memberships name their role, so renaming or deleting a role moves its members.
 */
@Service
public class Roles {

    private final RoleRepository roles;
    private final RoleHolders holders;

    Roles(RoleRepository roles, RoleHolders holders) {
        this.roles = roles;
        this.holders = holders;
    }

    /** The permissions a role grants in the organization; empty for a role that no longer exists. */
    @Transactional(readOnly = true)
    public Set<String> permissionsOf(UUID organizationId, String role) {
        if (RoleCatalog.isSystemRole(role)) {
            return RoleCatalog.systemPermissions(role);
        }
        return roles.findByName(organizationId, role)
                .map(r -> Set.copyOf(r.permissions()))
                .orElse(Set.of());
    }

    /**
     * Checks that the caller may give someone this role and answers its name as stored: it must exist in the
     * organization, only an owner makes owners, and the caller must hold every permission the role grants (403
     * otherwise), so nobody hands on more than they have.
     */
    @Transactional(readOnly = true)
    public String requireAssignable(UUID organizationId, String role, OrganizationAccess caller) {
        String name;
        if (RoleCatalog.isSystemRole(role)) {
            name = role.toLowerCase(Locale.ROOT);
        } else {
            name = roles.findByName(organizationId, role)
                    .map(Role::name)
                    .orElseThrow(() -> ApiException.invalid("role", "does not exist in this organization"));
        }
        Privileges.requireAssignable(name, permissionsOf(organizationId, name), caller);
        return name;
    }

    @Transactional(readOnly = true)
    List<RoleResponse> list(UUID organizationId) {
        List<RoleResponse> result = new ArrayList<>();
        for (String name : RoleCatalog.SYSTEM_ROLE_NAMES) {
            result.add(new RoleResponse(
                    null,
                    name,
                    null,
                    RoleCatalog.systemPermissions(name).stream().sorted().toList(),
                    true,
                    null));
        }
        roles.findByOrganizationIdOrderByName(organizationId).forEach(r -> result.add(r.response()));
        return result;
    }

    @Transactional
    RoleResponse create(UUID organizationId, CreateRoleRequest request) {
        String name = request.name().toLowerCase(Locale.ROOT);
        AuditContext.current().data("name", name);
        requireFreeName(organizationId, name, null);
        List<String> permissions = validPermissions(request.permissions());
        Privileges.requireHeld(permissions, OrganizationAccess.current());
        Role role = roles.save(new Role(organizationId, name, request.description(), permissions));
        AuditContext.current().resourceId(role.id()).data("permissions", permissions);
        return role.response();
    }

    @Transactional
    RoleResponse update(UUID organizationId, UUID roleId, UpdateRoleRequest request) {
        Role role = require(organizationId, roleId);
        if (request.name() != null && !request.name().equalsIgnoreCase(role.name())) {
            String name = request.name().toLowerCase(Locale.ROOT);
            requireFreeName(organizationId, name, roleId);
            holders.reassign(organizationId, role.name(), name);
            AuditContext.current().change("name", role.name(), name);
            role.rename(name);
        }
        if (request.description() != null && !request.description().equals(role.description())) {
            AuditContext.current().change("description", role.description(), request.description());
            role.describe(request.description());
        }
        if (request.permissions() != null) {
            List<String> permissions = validPermissions(request.permissions());
            Privileges.requireHeld(permissions, OrganizationAccess.current());
            if (!Set.copyOf(permissions).equals(Set.copyOf(role.permissions()))) {
                AuditContext.current().change("permissions", role.permissions(), permissions);
                role.grant(permissions);
            }
        }
        return role.response();
    }

    /** Deletes a custom role; members holding it must be moved to another role ({@code reassignTo}) in the same step. */
    @Transactional
    void delete(UUID organizationId, UUID roleId, @Nullable String reassignTo, OrganizationAccess caller) {
        Role role = require(organizationId, roleId);
        long holding = holders.count(organizationId, role.name());
        AuditContext.current().data("name", role.name()).data("members", holding);
        if (holding > 0) {
            if (reassignTo == null || reassignTo.isBlank()) {
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "The role is assigned to " + holding + " member(s); name a role to move them to",
                        Map.of("reassign_to", List.of("is required while the role is in use")),
                        null);
            }
            if (reassignTo.equalsIgnoreCase(role.name())) {
                throw ApiException.invalid("reassign_to", "must be another role");
            }
            String target = requireAssignable(organizationId, reassignTo, caller);
            holders.reassign(organizationId, role.name(), target);
            AuditContext.current().data("reassigned_to", target);
        }
        roles.delete(role);
    }

    private Role require(UUID organizationId, UUID roleId) {
        return roles.findByIdAndOrganizationId(roleId, organizationId).orElseThrow(() -> ApiException.notFound("Role"));
    }

    private void requireFreeName(UUID organizationId, String name, @Nullable UUID self) {
        if (RoleCatalog.isSystemRole(name)) {
            throw ApiException.invalid("name", "is the name of a system role");
        }
        roles.findByName(organizationId, name).filter(r -> !r.id().equals(self)).ifPresent(r -> {
            throw ApiException.invalid("name", "has already been taken");
        });
    }

    private static List<String> validPermissions(List<String> requested) {
        Set<String> result = new LinkedHashSet<>();
        for (String permission : requested) {
            if (!RoleCatalog.PERMISSIONS.contains(permission)) {
                throw ApiException.invalid("permissions", "contains an unknown permission: " + permission);
            }
            if (RoleCatalog.OWNER_ONLY.contains(permission)) {
                throw ApiException.invalid("permissions", permission + " belongs to owners only");
            }
            result.add(permission);
        }
        return List.copyOf(result);
    }
}
