package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.web.ApiException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The caller's standing in one organization, as user-org-service answers it.
 *
 * @param role the caller's role name in the organization
 * @param permissions what that role allows (empty while the organization is suspended)
 * @param organizationStatus {@code active} or {@code suspended}
 * @param plan the organization's plan ({@code free}, {@code pro}, {@code enterprise})
 * @param limits the plan's limits other services enforce, e.g. {@code chatbots}, {@code monthly_messages}
 */
public record OrganizationAccess(
        UUID organizationId,
        String userId,
        String role,
        Set<String> permissions,
        String organizationStatus,
        String plan,
        @Nullable Map<String, Long> limits) {

    static final String ATTRIBUTE = OrganizationAccess.class.getName();

    public boolean allows(String permission) {
        return permissions.contains(permission);
    }

    /** The access checked for this request by {@link RequiresPermission}. */
    public static OrganizationAccess current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object access = attributes == null ? null : attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (access instanceof OrganizationAccess organizationAccess) {
            return organizationAccess;
        }
        throw new ApiException(com.chatbotsaas.platform.web.ErrorCode.INTERNAL_ERROR, "Internal server error");
    }
}
