package com.chatbotsaas.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokensTest {

    @Test
    void readsAToken68AfterTheScheme() {
        assertThat(BearerTokens.token("Bearer abc.DEF-_~+/123==")).isEqualTo("abc.DEF-_~+/123==");
        assertThat(BearerTokens.token("bearer abc")).isEqualTo("abc");
    }

    @Test
    void refusesWhatIsNoToken68() {
        assertThat(BearerTokens.token("Bearer")).isNull();
        assertThat(BearerTokens.token("Bearer ")).isNull();
        assertThat(BearerTokens.token("Bearer ==")).isNull();
        assertThat(BearerTokens.token("Bearer a b")).isNull();
        assertThat(BearerTokens.token("Bearer a=b")).isNull();
        assertThat(BearerTokens.token("Bearer a\tb")).isNull();
        assertThat(BearerTokens.token("Bearerx abc")).isNull();
    }

    @Test
    void headerRuleRefusesControlCharacters() {
        assertThat(GatewaySecurityConfiguration.printable("Mozilla/5.0 (X11; Linux) ü"))
                .isTrue();
        assertThat(GatewaySecurityConfiguration.printable("a\rb")).isFalse();
        assertThat(GatewaySecurityConfiguration.printable("a\u0000b")).isFalse();
    }
}
