package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
import com.chatbotsaas.userorg.organization.OrganizationMembers;
import com.chatbotsaas.userorg.role.RoleCatalog;
import com.chatbotsaas.userorg.role.RoleHolders;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The membership rows the organization and role features ask for through the interfaces they own. Kept apart from
 * {@link Memberships}, which needs both features, so no bean waits on itself.
 */
@Component
class MembershipRecords implements OrganizationMembers, RoleHolders {

    private final MembershipRepository memberships;
    private final JdbcClient jdbc;

    MembershipRecords(MembershipRepository memberships, JdbcClient jdbc) {
        this.memberships = memberships;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void addOwner(OrganizationId organizationId, UserId userId) {
        memberships.save(new Membership(organizationId.value(), userId.value(), RoleCatalog.OWNER));
    }

    @Override
    @Transactional(readOnly = true)
    public List<MemberOf> activeOf(UUID userId) {
        return jdbc.sql("""
                        select organization_id, role from memberships
                        where user_id = ? and status = 'active' and deleted_at is null order by joined_at""")
                .param(userId)
                .query((rs, n) -> new MemberOf(rs.getObject("organization_id", UUID.class), rs.getString("role")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public long count(UUID organizationId, String role) {
        return memberships.countWithRole(organizationId, role);
    }

    @Override
    @Transactional
    public int reassign(UUID organizationId, String from, String to) {
        return memberships.reassign(organizationId, from, to);
    }
}
