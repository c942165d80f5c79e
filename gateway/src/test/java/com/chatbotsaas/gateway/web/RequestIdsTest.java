package com.chatbotsaas.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void acceptsOneToSixtyFourSafeCharacters() {
        assertThat(RequestIds.acceptOrGenerate("abc-DEF_123.x")).isEqualTo("abc-DEF_123.x");
        assertThat(RequestIds.acceptOrGenerate("a".repeat(64))).isEqualTo("a".repeat(64));
    }

    @Test
    void replacesAnythingElseWithANewId() {
        for (String bad : new String[] {null, "", "a".repeat(65), "a b", "a/b", "é", "a\nb", "a;b", "ａ"}) {
            String id = RequestIds.acceptOrGenerate(bad);
            assertThat(id).isNotEqualTo(bad).matches("[0-9a-f-]{36}");
        }
    }
}
