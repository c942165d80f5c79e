package com.chatbotsaas.platform.permission;

import java.util.Set;
import java.util.UUID;

/**
 * The caller's standing in one organization, as user-org-service answers it.
 *
 * @param role the caller's role name in the organization
 * @param permissions what that role allows
 * @param organizationStatus {@code active} or {@code suspended}
 * @param plan the organization's plan ({@code free}, {@code pro}, {@code enterprise})
 */
public record OrganizationAccess(
        UUID organizationId,
        String userId,
        String role,
        Set<String> permissions,
        String organizationStatus,
        String plan) {

    public boolean allows(String permission) {
        return permissions.contains(permission);
    }
}
