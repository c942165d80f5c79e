package com.chatbotsaas.userorg.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The escalation rules PrivilegeRulesIT probes through the API, here one by one and without a database. */
class PrivilegesTest {

    private static final Set<String> HR = Set.of("org.read", "members.read", "members.manage", "roles.manage");
    private static final Set<String> STAFF = Set.of("org.read", "members.read");

    private final UUID organizationId = UUID.randomUUID();

    private OrganizationAccess caller(String role, Collection<String> permissions) {
        return new OrganizationAccess(
                organizationId, UUID.randomUUID().toString(), role, Set.copyOf(permissions), "active", "free", null);
    }

    private OrganizationAccess system(String role) {
        return caller(role, RoleCatalog.systemPermissions(role));
    }

    @Test
    void aCallerGrantsWhatTheyHold() {
        assertThatCode(() -> Privileges.requireHeld(STAFF, caller("hr", HR))).doesNotThrowAnyException();
    }

    @Test
    void aCallerCannotGrantPermissionsTheyLackAndIsToldWhichInOrder() {
        ApiException refused = forbidden(
                () -> Privileges.requireHeld(Set.of("webhooks.manage", "org.read", "audit.read"), caller("hr", HR)));

        assertThat(refused).hasMessage("You cannot grant permissions you do not hold: audit.read, webhooks.manage");
    }

    @Test
    void aManagerAssignsARoleNoBroaderThanTheirOwnButNotEvenAViewersWhichReadsChatbots() {
        OrganizationAccess hr = caller("hr", HR);

        assertThatCode(() -> Privileges.requireAssignable("staff", STAFF, hr)).doesNotThrowAnyException();
        forbidden(() -> Privileges.requireAssignable(
                RoleCatalog.VIEWER, RoleCatalog.systemPermissions(RoleCatalog.VIEWER), hr));
        forbidden(() ->
                Privileges.requireAssignable(RoleCatalog.ADMIN, RoleCatalog.systemPermissions(RoleCatalog.ADMIN), hr));
        forbidden(() -> Privileges.requireAssignable(
                RoleCatalog.MEMBER, RoleCatalog.systemPermissions(RoleCatalog.MEMBER), hr));
    }

    @Test
    void onlyAnOwnerMakesOwnersEvenForACallerHoldingEveryPermission() {
        OrganizationAccess everythingButOwner = caller(RoleCatalog.ADMIN, RoleCatalog.PERMISSIONS);
        Set<String> ownerGrants = RoleCatalog.systemPermissions(RoleCatalog.OWNER);

        ApiException refused =
                forbidden(() -> Privileges.requireAssignable(RoleCatalog.OWNER, ownerGrants, everythingButOwner));

        assertThat(refused).hasMessage("Only an owner can make someone an owner");
        assertThatCode(() -> Privileges.requireAssignable(RoleCatalog.OWNER, ownerGrants, system(RoleCatalog.OWNER)))
                .doesNotThrowAnyException();
    }

    @Test
    void nobodyChangesTheirOwnRole() {
        OrganizationAccess admin = system(RoleCatalog.ADMIN);

        ApiException refused = forbidden(() -> Privileges.requireNotSelf(UUID.fromString(admin.userId()), admin));

        assertThat(refused).hasMessage("You cannot change your own role");
        assertThatCode(() -> Privileges.requireNotSelf(UUID.randomUUID(), admin))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyOwnersActOnOwners() {
        Set<String> ownerGrants = RoleCatalog.systemPermissions(RoleCatalog.OWNER);
        OrganizationAccess everythingButOwner = caller(RoleCatalog.ADMIN, RoleCatalog.PERMISSIONS);

        ApiException refused =
                forbidden(() -> Privileges.requireAuthorityOver(RoleCatalog.OWNER, ownerGrants, everythingButOwner));

        assertThat(refused).hasMessage("Only an owner can change an owner's membership");
        assertThatCode(() -> Privileges.requireAuthorityOver(RoleCatalog.OWNER, ownerGrants, system(RoleCatalog.OWNER)))
                .doesNotThrowAnyException();
    }

    @Test
    void actingOnAMemberNeedsEveryPermissionTheirRoleGrants() {
        OrganizationAccess hr = caller("hr", HR);

        assertThatCode(() -> Privileges.requireAuthorityOver("staff", STAFF, hr))
                .doesNotThrowAnyException();
        ApiException refused = forbidden(() -> Privileges.requireAuthorityOver(
                RoleCatalog.ADMIN, RoleCatalog.systemPermissions(RoleCatalog.ADMIN), hr));
        assertThat(refused).hasMessage("You cannot change a member whose role holds permissions you do not hold");
        forbidden(() -> Privileges.requireAuthorityOver(
                RoleCatalog.VIEWER, RoleCatalog.systemPermissions(RoleCatalog.VIEWER), hr));
        assertThatCode(() -> Privileges.requireAuthorityOver(
                        RoleCatalog.MEMBER,
                        RoleCatalog.systemPermissions(RoleCatalog.MEMBER),
                        system(RoleCatalog.ADMIN)))
                .doesNotThrowAnyException();
    }

    private static ApiException forbidden(ThrowingCallable call) {
        ApiException refused = catchThrowableOfType(ApiException.class, call);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
        return refused;
    }
}
