package com.chatbotsaas.userorg.role;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import com.chatbotsaas.userorg.member.Memberships;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roles of an organization: the four system roles every organization has, and its custom roles, each a named set
 * of catalog permissions. Memberships name their role, so renaming or deleting a role moves its members.
 */
@Service
public class Roles {

    private final RoleRepository roles;
    private final Memberships memberships;

    Roles(RoleRepository roles, @Lazy Memberships memberships) {
        this.roles = roles;
        this.memberships = memberships;
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
     * Checks that the caller may give someone this role: it must exist in the organization, and only an owner makes
     * owners.
     */
    @Transactional(readOnly = true)
    public void requireAssignable(UUID organizationId, String role, String callerRole) {
        if (!RoleCatalog.isSystemRole(role)
                && roles.findByName(organizationId, role).isEmpty()) {
            throw ApiException.invalid("role", "does not exist in this organization");
        }
        if (RoleCatalog.OWNER.equals(role) && !RoleCatalog.OWNER.equals(callerRole)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only an owner can make someone an owner");
        }
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
            memberships.reassign(organizationId, role.name(), name);
            AuditContext.current().change("name", role.name(), name);
            role.rename(name);
        }
        if (request.description() != null && !request.description().equals(role.description())) {
            AuditContext.current().change("description", role.description(), request.description());
            role.describe(request.description());
        }
        if (request.permissions() != null) {
            List<String> permissions = validPermissions(request.permissions());
            if (!Set.copyOf(permissions).equals(Set.copyOf(role.permissions()))) {
                AuditContext.current().change("permissions", role.permissions(), permissions);
                role.grant(permissions);
            }
        }
        return role.response();
    }

    /** Deletes a custom role; members holding it must be moved to another role ({@code reassignTo}) in the same step. */
    @Transactional
    void delete(UUID organizationId, UUID roleId, @Nullable String reassignTo, String callerRole) {
        Role role = require(organizationId, roleId);
        long holders = memberships.countWithRole(organizationId, role.name());
        AuditContext.current().data("name", role.name()).data("members", holders);
        if (holders > 0) {
            if (reassignTo == null || reassignTo.isBlank()) {
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "The role is assigned to " + holders + " member(s); name a role to move them to",
                        Map.of("reassign_to", List.of("is required while the role is in use")),
                        null);
            }
            if (reassignTo.equalsIgnoreCase(role.name())) {
                throw ApiException.invalid("reassign_to", "must be another role");
            }
            requireAssignable(organizationId, reassignTo, callerRole);
            memberships.reassign(organizationId, role.name(), reassignTo);
            AuditContext.current().data("reassigned_to", reassignTo);
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
