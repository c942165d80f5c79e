package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import com.chatbotsaas.platform.web.PageQuery;
import com.chatbotsaas.platform.web.Statuses;
import com.chatbotsaas.userorg.organization.Organizations;
import com.chatbotsaas.userorg.role.Privileges;
import com.chatbotsaas.userorg.role.RoleCatalog;
import com.chatbotsaas.userorg.role.Roles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Memberships: who belongs to which organization with which role. An organization always keeps an active owner; only
 * an owner makes or unmakes owners.
 */
@Service
public class Memberships {

    private final MembershipRepository memberships;
    private final Roles roles;
    private final JdbcClient jdbc;
    private final Organizations organizations;

    Memberships(MembershipRepository memberships, Roles roles, JdbcClient jdbc, Organizations organizations) {
        this.memberships = memberships;
        this.roles = roles;
        this.jdbc = jdbc;
        this.organizations = organizations;
    }

    /** The user's live membership, if any. */
    @Transactional(readOnly = true)
    public Optional<MembershipView> find(OrganizationId organizationId, UserId userId) {
        return memberships
                .findById(new Membership.Key(organizationId.value(), userId.value()))
                .filter(Membership::live)
                .map(m -> new MembershipView(organizationId.value(), userId.value(), m.role(), m.status()));
    }

    /** Makes the user a member with the role; a live membership already there is a conflict. */
    @Transactional
    public void join(OrganizationId organization, UserId user, String role) {
        UUID organizationId = organization.value();
        UUID userId = user.value();
        Membership.Key key = new Membership.Key(organizationId, userId);
        Optional<Membership> existing = memberships.findById(key);
        if (existing.isPresent() && existing.get().live()) {
            throw ApiException.conflict("The user is already a member of this organization");
        }
        requireSeat(organizationId, true);
        existing.ifPresentOrElse(
                m -> m.rejoin(role), () -> memberships.save(new Membership(organizationId, userId, role)));
    }

    /**
     * Refuses a new member when the organization's plan has no seat left (429 {@code QUOTA_EXCEEDED}). With
     * {@code lock}, the organization row is locked until the transaction ends, so concurrent joins cannot both take
     * the last seat.
     */
    @Transactional
    public void requireSeat(UUID organizationId, boolean lock) {
        long limit = organizations.limit(organizationId, "members", lock);
        if (limit < 0) {
            return;
        }
        long seated = jdbc.sql("select count(*) from memberships where organization_id = ? and deleted_at is null")
                .param(organizationId)
                .query(Long.class)
                .single();
        if (seated >= limit) {
            throw new ApiException(
                    ErrorCode.QUOTA_EXCEEDED,
                    "The organization's plan allows " + limit + " members; remove one or change the plan");
        }
    }

    @Transactional
    MemberResponse changeRole(UUID organizationId, UUID userId, String role) {
        Membership membership = requireLive(organizationId, userId);
        OrganizationAccess caller = OrganizationAccess.current();
        requireAuthorityOver(organizationId, membership, caller);
        changeRole(organizationId, membership, role, caller);
        return get(organizationId, userId);
    }

    private void changeRole(UUID organizationId, Membership membership, String role, OrganizationAccess caller) {
        Privileges.requireNotSelf(membership.userId(), caller);
        String name = roles.requireAssignable(organizationId, role, caller);
        if (RoleCatalog.OWNER.equals(membership.role()) && !RoleCatalog.OWNER.equals(name)) {
            requireAnotherOwner(organizationId, membership.userId());
        }
        AuditContext.current().change("role", membership.role(), name);
        membership.changeRole(name);
    }

    @Transactional
    MemberResponse update(UUID organizationId, UUID userId, MemberRequests.UpdateUser request) {
        if (request.touchesProfile()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "A user's name, locale and email are their own: they change them with PATCH /users/me");
        }
        Membership membership = requireLive(organizationId, userId);
        OrganizationAccess caller = OrganizationAccess.current();
        requireAuthorityOver(organizationId, membership, caller);
        if (request.role() != null && !request.role().equals(membership.role())) {
            changeRole(organizationId, membership, request.role(), caller);
        }
        MembershipStatus wanted =
                request.status() == null ? null : Statuses.parse(MembershipStatus.class, "status", request.status());
        if (wanted != null && wanted != membership.status()) {
            if (wanted == MembershipStatus.SUSPENDED && RoleCatalog.OWNER.equals(membership.role())) {
                requireAnotherOwner(organizationId, userId);
            }
            AuditContext.current().change("status", membership.status().value(), wanted.value());
            membership.changeStatus(wanted);
        }
        return get(organizationId, userId);
    }

    @Transactional
    void remove(UUID organizationId, UUID userId) {
        Membership membership = requireLive(organizationId, userId);
        requireAuthorityOver(organizationId, membership, OrganizationAccess.current());
        if (RoleCatalog.OWNER.equals(membership.role())) {
            requireAnotherOwner(organizationId, userId);
        }
        AuditContext.current().data("role", membership.role());
        membership.remove();
    }

    @Transactional(readOnly = true)
    MemberResponse get(UUID organizationId, UUID userId) {
        // Changes made through JPA in this transaction must be visible to the query below.
        memberships.flush();
        return jdbc.sql(SELECT + " where m.organization_id = ? and m.user_id = ? and m.deleted_at is null")
                .params(organizationId, userId)
                .query(Memberships::map)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Member"));
    }

    /** One page of members with the total, filtered, searched and sorted. */
    @Transactional(readOnly = true)
    Map.Entry<List<MemberResponse>, Long> list(MemberQuery query) {
        StringBuilder where =
                new StringBuilder(" where m.organization_id = ? and m.deleted_at is null and u.deleted_at is null");
        List<Object> params = new ArrayList<>(List.of(query.organizationId()));
        if (query.status() != null) {
            where.append(" and m.status = ?");
            params.add(query.status());
        }
        if (query.role() != null) {
            where.append(" and m.role = ?");
            params.add(query.role());
        }
        String tsquery = query.tsquery();
        if (tsquery != null) {
            // Cast, not to_tsquery(): the terms are already normalized, and the parser would split e-mail fragments.
            where.append(" and u.search @@ cast(? as tsquery)");
            params.add(tsquery);
        }
        Long total = jdbc.sql("select count(*) from memberships m join users u on u.id = m.user_id" + where)
                .params(params)
                .query(Long.class)
                .single();
        PageQuery page = query.page();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.perPage());
        pageParams.add(page.offset());
        List<MemberResponse> items = jdbc.sql(SELECT + where + " order by " + query.orderBy() + " limit ? offset ?")
                .params(pageParams)
                .query(Memberships::map)
                .list();
        return Map.entry(items, total);
    }

    private Membership requireLive(UUID organizationId, UUID userId) {
        return memberships
                .findById(new Membership.Key(organizationId, userId))
                .filter(Membership::live)
                .orElseThrow(() -> ApiException.notFound("Member"));
    }

    /** Acting on a member needs every permission their role grants ({@link Privileges#requireAuthorityOver}). */
    private void requireAuthorityOver(UUID organizationId, Membership target, OrganizationAccess caller) {
        Privileges.requireAuthorityOver(target.role(), roles.permissionsOf(organizationId, target.role()), caller);
    }

    private void requireAnotherOwner(UUID organizationId, UUID userId) {
        Long others =
                jdbc.sql("""
                        select count(*) from memberships where organization_id = ? and user_id <> ? and role = 'owner'
                        and status = 'active' and deleted_at is null""").params(organizationId, userId).query(Long.class).single();
        if (others == 0) {
            throw ApiException.conflict("The last owner cannot be removed, suspended or demoted");
        }
    }

    private static final String SELECT = """
            select u.id as user_id, u.name, u.email, m.role, m.status, m.joined_at
            from memberships m join users u on u.id = m.user_id""";

    private static MemberResponse map(ResultSet rs, int row) throws SQLException {
        return new MemberResponse(
                rs.getObject("user_id", UUID.class),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("role"),
                rs.getString("status"),
                rs.getTimestamp("joined_at").toInstant());
    }
}
