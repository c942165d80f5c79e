package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.userorg.access.Roles;
import com.chatbotsaas.userorg.user.UserView;
import com.chatbotsaas.userorg.user.Users;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations and the caller's memberships in them. */
@Service
public class Organizations {

    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final Users users;

    Organizations(OrganizationRepository organizations, MembershipRepository memberships, Users users) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.users = users;
    }

    /** Creates an organization whose owner is the caller. */
    @Transactional
    OrganizationResponse create(Caller caller, CreateOrganizationRequest request) {
        UserView owner = users.provisionCaller(caller);
        String slug = request.slug() != null ? request.slug() : availableSlug(request.name());
        AuditContext.current().data("name", request.name()).data("slug", slug);
        if (organizations.slugTaken(slug)) {
            throw ApiException.invalid("slug", "has already been taken");
        }
        Organization organization =
                organizations.save(new Organization(request.name().strip(), slug));
        memberships.save(new Membership(organization.id(), owner.id(), Roles.OWNER));
        AuditContext.current().resourceId(organization.id()).organizationId(organization.id());
        return organization.response(Roles.OWNER);
    }

    @Transactional(readOnly = true)
    List<OrganizationResponse> listFor(Caller caller) {
        return organizations.findWithRoleByUser(UUID.fromString(caller.id())).stream()
                .map(row -> ((Organization) row[0]).response((String) row[1]))
                .toList();
    }

    /** The caller's active membership in a live organization, if any. */
    @Transactional(readOnly = true)
    public Optional<MembershipView> membership(UUID organizationId, UUID userId) {
        return organizations
                .findLive(organizationId)
                .flatMap(org -> memberships
                        .findById(new Membership.Key(organizationId, userId))
                        .filter(Membership::active)
                        .map(m -> new MembershipView(organizationId, userId, m.role(), org.status(), org.plan())));
    }

    /** A slug from the name, with a random suffix when the plain one is taken. */
    private String availableSlug(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (base.length() < 3) {
            base = (base + "-org").replaceAll("^-", "");
        }
        base = base.length() > 50 ? base.substring(0, 50).replaceAll("-+$", "") : base;
        String slug = base;
        while (organizations.slugTaken(slug)) {
            slug = base + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
        }
        return slug;
    }
}
