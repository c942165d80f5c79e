package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.web.ApiException;
import feign.FeignException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides access to an organization's resources by asking user-org-service. Not a member (or no such organization):
 * 404, so that other tenants' resources are never revealed; a member without the permission: 403; no answer: 503 —
 * access is never granted on doubt.
 */
public class Permissions {

    private static final Logger log = LoggerFactory.getLogger(Permissions.class);

    private final PermissionApi api;

    Permissions(PermissionApi api) {
        this.api = api;
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
        try {
            var response = api.access(organizationId);
            if (response == null || response.data() == null) {
                throw ApiException.unavailable("Permissions are unavailable, try again later", null);
            }
            return response.data();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // The circuit breaker wraps what the client threw; the answer of user-org-service decides.
            FeignException answer = feignCause(e);
            if (answer instanceof FeignException.NotFound || answer instanceof FeignException.Forbidden) {
                throw ApiException.notFound("Organization");
            }
            if (answer instanceof FeignException.Unauthorized) {
                throw ApiException.unauthenticated("The access token is invalid or expired");
            }
            log.warn("Permission lookup for organization {} failed", organizationId, e);
            throw ApiException.unavailable("Permissions are unavailable, try again later", e);
        }
    }

    private static @Nullable FeignException feignCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FeignException feign) {
                return feign;
            }
        }
        return null;
    }
}
