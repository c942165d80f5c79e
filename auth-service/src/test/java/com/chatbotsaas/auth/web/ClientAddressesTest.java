package com.chatbotsaas.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void takesTheAddressTheTrustedProxyAppendedNotWhatTheClientSent() {
        assertThat(ClientAddresses.resolve("6.6.6.6, 203.0.113.7", "10.0.0.2", 1))
                .isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.resolve("203.0.113.7", "10.0.0.2", 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.resolve("6.6.6.6, 203.0.113.7, 10.0.0.9", "10.0.0.2", 2))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void fallsBackToThePeerWithoutTrustedProxiesOrHeader() {
        assertThat(ClientAddresses.resolve(null, "10.0.0.2", 1)).isEqualTo("10.0.0.2");
        assertThat(ClientAddresses.resolve(" ", "10.0.0.2", 1)).isEqualTo("10.0.0.2");
        assertThat(ClientAddresses.resolve("6.6.6.6", "10.0.0.2", 0)).isEqualTo("10.0.0.2");
        assertThat(ClientAddresses.resolve("203.0.113.7", "10.0.0.2", 5)).isEqualTo("203.0.113.7");
    }
}
