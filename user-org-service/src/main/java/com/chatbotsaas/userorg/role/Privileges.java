package com.chatbotsaas.userorg.role;

import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The rules against escalation, each a 403: nobody hands on a permission they do not hold, nobody changes their own
 * role, and acting on a member needs everything the member's role grants, so only owners act on owners. The callers
 * look the roles up; the rules themselves need no database.
 */
public final class Privileges {

    private Privileges() {}

    /** Refuses to grant permissions the caller does not hold themselves. */
    public static void requireHeld(Collection<String> permissions, OrganizationAccess caller) {
        List<String> missing =
                permissions.stream().filter(p -> !caller.allows(p)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "You cannot grant permissions you do not hold: " + String.join(", ", missing));
        }
    }

    /**
     * Refuses to give someone a role (its stored name, with what it grants) unless only an owner makes owners and the
     * caller holds every permission the role grants.
     */
    public static void requireAssignable(String role, Collection<String> grants, OrganizationAccess caller) {
        if (RoleCatalog.OWNER.equals(role) && !RoleCatalog.OWNER.equals(caller.role())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only an owner can make someone an owner");
        }
        requireHeld(grants, caller);
    }

    /** Refuses a change of the caller's own role. */
    public static void requireNotSelf(UUID member, OrganizationAccess caller) {
        if (caller.userId().equals(member.toString())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "You cannot change your own role");
        }
    }

    /**
     * Acting on a member (their role, status or membership) needs every permission their role grants: only owners act
     * on owners, and a narrower custom role cannot act on an administrator.
     */
    public static void requireAuthorityOver(
            String memberRole, Collection<String> memberGrants, OrganizationAccess caller) {
        if (RoleCatalog.OWNER.equals(memberRole) && !RoleCatalog.OWNER.equals(caller.role())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only an owner can change an owner's membership");
        }
        if (memberGrants.stream().anyMatch(p -> !caller.allows(p))) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "You cannot change a member whose role holds permissions you do not hold");
        }
    }
}
