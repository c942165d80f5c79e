package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.client.FeignAnswers;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import feign.FeignException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks user-org-service's internal API with the caller's own token, behind a circuit breaker, and keeps the answer in
 * the shared Redis cache until an event about the organization evicts it (or it expires).
 */
class RemoteAccessProvider implements AccessProvider {

    private static final Logger log = LoggerFactory.getLogger(RemoteAccessProvider.class);
    private static final String UNAVAILABLE = "Permissions are unavailable, try again later";

    private final PermissionApi api;
    private final PermissionCache cache;

    RemoteAccessProvider(PermissionApi api, PermissionCache cache) {
        this.api = api;
        this.cache = cache;
    }

    @Override
    public OrganizationAccess access(UUID organizationId) {
        Caller caller = Caller.currentOrNull();
        if (caller == null) {
            throw ApiException.unauthenticated("Authentication required");
        }
        PermissionCache.Slot slot = cache.lookup(organizationId, caller.id());
        if (slot.access() != null) {
            return slot.access();
        }
        OrganizationAccess access = fetch(organizationId);
        cache.put(slot, access);
        return access;
    }

    private OrganizationAccess fetch(UUID organizationId) {
        try {
            var response = api.access(organizationId);
            if (response == null || response.data() == null) {
                throw ApiException.unavailable(UNAVAILABLE, null);
            }
            return response.data();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // The circuit breaker wraps what the client threw; the answer of user-org-service decides.
            FeignException answer = FeignAnswers.answerOf(e);
            if (answer instanceof FeignException.NotFound || answer instanceof FeignException.Forbidden) {
                throw ApiException.notFound("Organization");
            }
            if (answer instanceof FeignException.Unauthorized) {
                throw ApiException.unauthenticated("The access token is invalid or expired");
            }
            log.warn("Permission lookup for organization {} failed", organizationId, e);
            throw ApiException.unavailable(UNAVAILABLE, e);
        }
    }
}
