package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.PageQuery;
import com.chatbotsaas.platform.web.Statuses;
import com.chatbotsaas.userorg.role.RoleCatalog;
import com.chatbotsaas.userorg.user.UserView;
import com.chatbotsaas.userorg.user.Users;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations (tenants): created by a user who becomes the owner, soft deleted, suspended by operators. */
@Service
public class Organizations {

    private final OrganizationRepository organizations;
    private final OrganizationMembers members;
    private final Users users;
    private final Plans plans;

    Organizations(OrganizationRepository organizations, OrganizationMembers members, Users users, Plans plans) {
        this.organizations = organizations;
        this.members = members;
        this.users = users;
        this.plans = plans;
    }

    /** A live organization, if any. */
    @Transactional(readOnly = true)
    public Optional<OrganizationView> find(UUID organizationId) {
        return organizations.findLive(organizationId).map(Organization::view);
    }

    /**
     * One limit of the organization's plan ({@code -1}: unlimited), 404 for an organization that does not exist. With
     * {@code lock}, the organization row stays locked until the transaction ends, so concurrent requests counting
     * against the same limit take turns and cannot both take the last unit.
     */
    @Transactional
    public long limit(UUID organizationId, String name, boolean lock) {
        String plan = (lock ? organizations.lockById(organizationId) : organizations.findById(organizationId))
                .map(Organization::plan)
                .orElseThrow(() -> ApiException.notFound("Organization"));
        return plans.limit(plan, name);
    }

    @Transactional
    OrganizationResponse create(Caller caller, CreateOrganizationRequest request) {
        UserView owner = users.provisionCaller(caller);
        String name = request.name().strip();
        String slug = request.slug() != null ? request.slug() : availableSlug(name);
        AuditContext.current().data("name", name).data("slug", slug);
        if (organizations.slugTaken(slug)) {
            throw ApiException.invalid("slug", "has already been taken");
        }
        Organization organization = organizations.save(new Organization(name, slug));
        members.addOwner(OrganizationId.of(organization.id()), UserId.of(owner.id()));
        AuditContext.current().resourceId(organization.id()).organizationId(organization.id());
        return organization.response(RoleCatalog.OWNER);
    }

    @Transactional(readOnly = true)
    List<OrganizationResponse> listFor(Caller caller) {
        List<OrganizationMembers.MemberOf> mine = members.activeOf(UUID.fromString(caller.id()));
        Map<UUID, Organization> byId =
                organizations
                        .findAllById(mine.stream()
                                .map(OrganizationMembers.MemberOf::organizationId)
                                .toList())
                        .stream()
                        .filter(o -> organizations.findLive(o.id()).isPresent())
                        .collect(Collectors.toMap(Organization::id, Function.identity()));
        return mine.stream()
                .flatMap(m -> Stream.ofNullable(byId.get(m.organizationId())).map(o -> o.response(m.role())))
                .toList();
    }

    @Transactional(readOnly = true)
    OrganizationResponse get(UUID organizationId) {
        return require(organizationId).response(OrganizationAccess.current().role());
    }

    @Transactional
    OrganizationResponse update(UUID organizationId, UpdateOrganizationRequest request) {
        Organization organization = require(organizationId);
        if (request.name() != null && !request.name().strip().equals(organization.name())) {
            AuditContext.current()
                    .change("name", organization.name(), request.name().strip());
            organization.rename(request.name().strip());
        }
        if (request.slug() != null && !request.slug().equals(organization.slug())) {
            if (organizations.slugTaken(request.slug())) {
                throw ApiException.invalid("slug", "has already been taken");
            }
            AuditContext.current().change("slug", organization.slug(), request.slug());
            organization.reslug(request.slug());
        }
        return organization.response(OrganizationAccess.current().role());
    }

    @Transactional
    void delete(UUID organizationId) {
        Organization organization = require(organizationId);
        AuditContext.current().data("name", organization.name()).data("slug", organization.slug());
        organization.delete();
    }

    @Transactional(readOnly = true)
    Map.Entry<List<OrganizationResponse>, Long> adminList(@Nullable String q, @Nullable String status, PageQuery page) {
        if (status != null) {
            Statuses.parse(OrganizationStatus.class, "status", status);
        }
        String query = q == null || q.isBlank() ? null : q.strip();
        List<OrganizationResponse> items =
                organizations.search(query, status, PageRequest.of(page.page() - 1, page.perPage())).stream()
                        .map(o -> o.response(null))
                        .toList();
        return Map.entry(items, organizations.countSearch(query, status));
    }

    @Transactional
    OrganizationResponse adminUpdate(UUID organizationId, AdminUpdateOrganizationRequest request) {
        Organization organization = require(organizationId);
        AuditContext.current().organizationId(organizationId);
        if (request.status() != null) {
            OrganizationStatus wanted = Statuses.parse(OrganizationStatus.class, "status", request.status());
            if (wanted != organization.status()) {
                AuditContext.current().change("status", organization.status().value(), wanted.value());
                organization.changeStatus(wanted);
            }
        }
        if (request.plan() != null && !request.plan().equals(organization.plan())) {
            AuditContext.current().change("plan", organization.plan(), request.plan());
            organization.changePlan(request.plan());
        }
        return organization.response(null);
    }

    private Organization require(UUID organizationId) {
        return organizations.findLive(organizationId).orElseThrow(() -> ApiException.notFound("Organization"));
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
