package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.web.ApiException;
import java.util.UUID;

/**
 * Decides access to an organization's resources. Not a member (or no such organization): 404, so that other tenants'
 * resources are never revealed; a member without the permission: 403; no answer: 503 — access is never granted on
 * doubt.
 */
public class Permissions {

    private final AccessProvider provider;

    Permissions(AccessProvider provider) {
        this.provider = provider;
    }

    /** The caller's access to the organization, requiring one permission. */
    public OrganizationAccess require(UUID organizationId, String permission) {
        OrganizationAccess access = access(organizationId);
        if (!access.allows(permission)) {
            throw ApiException.forbidden();
        }
        return access;
    }

    public OrganizationAccess access(UUID organizationId) {
        return provider.access(organizationId);
    }
}
