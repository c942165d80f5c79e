package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
import java.util.List;
import java.util.UUID;

/**
 * The memberships an organization needs: its first owner, and the organizations a user belongs to. Declared here and
 * implemented by the membership feature, so memberships depend on organizations and not the other way round.
 */
public interface OrganizationMembers {

    /** Makes the user the owner of an organization they have just created. */
    void addOwner(OrganizationId organizationId, UserId userId);

    /** The organizations the user is an active member of, with the role held there, oldest membership first. */
    List<MemberOf> activeOf(UUID userId);

    /** A user's active membership: the organization and the role held there. */
    record MemberOf(UUID organizationId, String role) {}
}
