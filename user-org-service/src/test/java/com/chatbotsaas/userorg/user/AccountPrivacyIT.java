package com.chatbotsaas.userorg.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.userorg.support.Tenants;
import com.chatbotsaas.userorg.support.Tenants.Actor;
import com.chatbotsaas.userorg.support.UserOrgIntegrationTest;
import org.junit.jupiter.api.Test;

/** Whether an address has an account is nobody else's business: no route answers it. */
class AccountPrivacyIT extends UserOrgIntegrationTest {

    @Test
    void noRouteTellsWhetherAnEmailHasAnAccount() {
        Tenants tenants = new Tenants(port);
        Actor someone = tenants.user();
        Actor prober = tenants.user();
        tenants.organization(prober);

        ApiResult probe = prober.api()
                .get("/api/v1/users/check-email?email=" + someone.user().email());

        assertThat(probe.status()).as(probe.toString()).isEqualTo(404);
        assertThat(probe.body().path("error_code").asString()).isEqualTo("NOT_FOUND");
        assertThat(probe.raw())
                .doesNotContain("exists")
                .doesNotContain(someone.user().email());
    }
}
