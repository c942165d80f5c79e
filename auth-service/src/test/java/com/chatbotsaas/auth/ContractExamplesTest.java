package com.chatbotsaas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.contract.MessageContracts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples auth-service publishes in the contract honour their own schemas (consumers parse them). */
class ContractExamplesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "auth.register.success",
                "auth.refresh.success",
                "auth.logout.success",
                "auth.session.revoke.success",
                "auth.password.change.success",
                "auth.password.forgot.success",
                "auth.password.reset.success",
                "auth.email.verify.success",
                "auth.email.resend.success",
                "api_client.create.success",
                "api_client.revoke.success",
                "user.create.success"
            })
    void eventExamplesAreValid(String example) {
        assertThat(EventContracts.violations(EventContracts.example(example))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password-reset", "email-verification"})
    void messageExamplesAreValid(String example) {
        assertThat(MessageContracts.violations(example, MessageContracts.example(example)))
                .isEmpty();
    }
}
