package com.chatbotsaas.gateway.denial;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.contract.EventContracts;
import org.junit.jupiter.api.Test;

class DenialContractTest {

    @Test
    void theContractsExampleOfADenialIsValid() {
        assertThat(EventContracts.violations(EventContracts.example("gateway.request.deny.failure")))
                .isEmpty();
    }

    @Test
    void theContractRejectsADenialThatCarriesTheQueryString() {
        String withExtra = EventContracts.example("gateway.request.deny.failure")
                .replace("\"suppressed\": 0", "\"suppressed\": 0, \"query\": \"token=secret\"");

        assertThat(EventContracts.violations(withExtra)).isNotEmpty();
    }
}
