package com.chatbotsaas.userorg.role;

import static com.chatbotsaas.userorg.role.RoleCatalog.ADMIN;
import static com.chatbotsaas.userorg.role.RoleCatalog.MEMBER;
import static com.chatbotsaas.userorg.role.RoleCatalog.OWNER;
import static com.chatbotsaas.userorg.role.RoleCatalog.VIEWER;
import static com.chatbotsaas.userorg.role.RoleCatalog.systemPermissions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleCatalogTest {

    @Test
    void anOwnerHoldsEveryPermissionOfTheCatalog() {
        assertThat(systemPermissions(OWNER)).containsExactlyInAnyOrderElementsOf(RoleCatalog.PERMISSIONS);
    }

    @Test
    void anAdministratorHoldsEverythingButDeletingTheOrganization() {
        Set<String> expected = new HashSet<>(RoleCatalog.PERMISSIONS);
        expected.remove("org.delete");

        assertThat(systemPermissions(ADMIN)).isEqualTo(expected);
    }

    @Test
    void aMemberWorksOnChatbotsButManagesNeitherPeopleNorTheOrganization() {
        assertThat(systemPermissions(MEMBER))
                .contains("chatbots.write", "chatbots.delete", "knowledge.write", "conversations.write")
                .doesNotContain(
                        "org.update",
                        "org.delete",
                        "members.manage",
                        "roles.manage",
                        "audit.read",
                        "audit.export",
                        "webhooks.manage",
                        "api_clients.manage");
    }

    @Test
    void aViewerOnlyReads() {
        assertThat(systemPermissions(VIEWER))
                .containsExactlyInAnyOrder("org.read", "members.read", "chatbots.read", "conversations.read");
    }

    @Test
    void eachSystemRoleGrantsStrictlyMoreThanTheOneBelowIt() {
        List<String> descending = List.of(OWNER, ADMIN, MEMBER, VIEWER);
        for (int i = 1; i < descending.size(); i++) {
            Set<String> above = systemPermissions(descending.get(i - 1));
            Set<String> below = systemPermissions(descending.get(i));
            assertThat(above).as(descending.get(i - 1)).containsAll(below).hasSizeGreaterThan(below.size());
        }
    }

    @Test
    void systemRolesGrantOnlyCatalogPermissionsAndOnlyTheOwnerHoldsOwnerOnlyOnes() {
        assertThat(RoleCatalog.PERMISSIONS).doesNotHaveDuplicates();
        assertThat(RoleCatalog.OWNER_ONLY).containsExactly("org.delete");
        for (String role : RoleCatalog.SYSTEM_ROLE_NAMES) {
            assertThat(RoleCatalog.PERMISSIONS).as(role).containsAll(systemPermissions(role));
            if (!role.equals(OWNER)) {
                assertThat(systemPermissions(role)).as(role).doesNotContainAnyElementsOf(RoleCatalog.OWNER_ONLY);
            }
        }
    }

    @Test
    void anApiClientHoldsTheMemberRoleWithoutReadingMembers() {
        Set<String> expected = new HashSet<>(systemPermissions(MEMBER));
        expected.remove("members.read");

        assertThat(RoleCatalog.API_CLIENT_PERMISSIONS).isEqualTo(expected);
    }

    @Test
    void systemRoleNamesAreRecognisedInAnyCase() {
        assertThat(RoleCatalog.SYSTEM_ROLE_NAMES).allMatch(RoleCatalog::isSystemRole);
        assertThat(RoleCatalog.isSystemRole("Owner")).isTrue();
        assertThat(RoleCatalog.isSystemRole("ADMIN")).isTrue();
        // A name recognised as a system role grants that role's permissions, never none.
        assertThat(systemPermissions("Admin")).isEqualTo(systemPermissions(RoleCatalog.ADMIN));
    }

    @Test
    void aNameThatIsNotASystemRoleGrantsNothing() {
        assertThat(RoleCatalog.isSystemRole("staff")).isFalse();
        assertThat(systemPermissions("staff")).isEmpty();
        assertThat(RoleCatalog.isSystemRole(RoleCatalog.API_CLIENT)).isFalse();
        assertThat(systemPermissions(RoleCatalog.API_CLIENT)).isEmpty();
    }
}
