package com.chatbotsaas.userorg.role;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.userorg.UserOrgStub;
import org.junit.jupiter.api.Test;

/** The other services' tests stand in for this service with a copy of its roles: the copy must not drift. */
class RoleCatalogMatchesTestStubTest {

    @Test
    void theTestStubGrantsEverySystemRoleExactlyWhatThisServiceGrants() {
        assertThat(UserOrgStub.ROLES.keySet()).containsExactlyInAnyOrderElementsOf(RoleCatalog.SYSTEM_ROLE_NAMES);
        for (String role : RoleCatalog.SYSTEM_ROLE_NAMES) {
            assertThat(UserOrgStub.ROLES.get(role)).as(role).isEqualTo(RoleCatalog.systemPermissions(role));
        }
    }
}
