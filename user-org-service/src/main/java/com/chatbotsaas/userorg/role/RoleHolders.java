package com.chatbotsaas.userorg.role;

import java.util.UUID;

/**
 * The members holding a role, as renaming or deleting the role needs them. Declared here and implemented by the
 * membership feature, so memberships depend on roles and not the other way round.
 */
public interface RoleHolders {

    /** How many live members of the organization hold the role. */
    long count(UUID organizationId, String role);

    /** Moves every live member holding {@code from} to {@code to}; answers how many moved. */
    int reassign(UUID organizationId, String from, String to);
}
