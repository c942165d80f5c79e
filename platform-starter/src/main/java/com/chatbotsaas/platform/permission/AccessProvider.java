package com.chatbotsaas.platform.permission;

import java.util.UUID;

/**
 * Answers the current caller's standing in an organization. Services ask user-org-service (the default, remote
 * provider); user-org-service answers from its own tables. Throws {@code ApiException}: 404 when the caller is no
 * member (or the organization does not exist), 503 when no answer can be had.
 */
public interface AccessProvider {

    OrganizationAccess access(UUID organizationId);
}
