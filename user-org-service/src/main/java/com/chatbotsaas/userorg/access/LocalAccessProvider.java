package com.chatbotsaas.userorg.access;

import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
import com.chatbotsaas.platform.permission.AccessProvider;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.userorg.member.MembershipView;
import com.chatbotsaas.userorg.member.Memberships;
import com.chatbotsaas.userorg.organization.OrganizationView;
import com.chatbotsaas.userorg.organization.Organizations;
import com.chatbotsaas.userorg.organization.Plans;
import com.chatbotsaas.userorg.role.RoleCatalog;
import com.chatbotsaas.userorg.role.Roles;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The answer every access decision rests on, computed from this service's own tables: the caller's active membership
 * in a live organization, its role's permissions (none while the organization is suspended), the plan and its limits.
 */
@Component
class LocalAccessProvider implements AccessProvider {

    private final Organizations organizations;
    private final Memberships memberships;
    private final Roles roles;
    private final Plans plans;

    LocalAccessProvider(Organizations organizations, Memberships memberships, Roles roles, Plans plans) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.roles = roles;
        this.plans = plans;
    }

    @Override
    @Transactional(readOnly = true)
    public OrganizationAccess access(UUID organizationId) {
        Caller caller = Caller.current();
        OrganizationView organization =
                organizations.find(organizationId).orElseThrow(() -> ApiException.notFound("Organization"));
        String boundOrganization = caller.boundOrganizationId();
        if (boundOrganization != null) {
            // An organization API client acts for its own organization only, with the fixed integration grant.
            if (!boundOrganization.equals(organizationId.toString())) {
                throw ApiException.notFound("Organization");
            }
            return new OrganizationAccess(
                    organizationId,
                    caller.id(),
                    RoleCatalog.API_CLIENT,
                    organization.active() ? RoleCatalog.API_CLIENT_PERMISSIONS : Set.of(),
                    organization.status().value(),
                    organization.plan(),
                    plans.of(organization.plan()));
        }
        MembershipView membership = memberships
                .find(OrganizationId.of(organizationId), UserId.of(UUID.fromString(caller.id())))
                .filter(MembershipView::active)
                .orElseThrow(() -> ApiException.notFound("Organization"));
        Set<String> permissions =
                organization.active() ? roles.permissionsOf(organizationId, membership.role()) : Set.of();
        return new OrganizationAccess(
                organizationId,
                caller.id(),
                membership.role(),
                permissions,
                organization.status().value(),
                organization.plan(),
                plans.of(organization.plan()));
    }
}
