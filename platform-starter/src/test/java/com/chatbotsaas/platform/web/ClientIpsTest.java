package com.chatbotsaas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientIpsTest {

    private static String of(String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.2");
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return ClientIps.of(request);
    }

    @Test
    void theGatewaysEntryWinsOverWhatAClientPrepended() {
        assertThat(of("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(of("6.6.6.6, 203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void withoutAUsableHeaderThePeer() {
        assertThat(of(null)).isEqualTo("10.0.0.2");
        assertThat(of(" ")).isEqualTo("10.0.0.2");
        assertThat(of("1.2.3.4, ")).isEqualTo("10.0.0.2");
        assertThat(of("x".repeat(65))).isEqualTo("10.0.0.2");
    }
}
