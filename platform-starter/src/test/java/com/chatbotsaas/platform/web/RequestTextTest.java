package com.chatbotsaas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTextTest {

    @Test
    void textWithTabsLineBreaksAndAnyLanguageIsAccepted() {
        assertThat(RequestText.refusal("Bonjour,\n\tça va ?\r\n")).isNull();
        assertThat(RequestText.refusal("مرحبا \u200f world \ud83d\ude00 \u202e reversed"))
                .isNull();
        assertThat(RequestText.refusal("")).isNull();
    }

    @Test
    void controlCharactersAreRefused() {
        assertThat(RequestText.refusal("nul\u0000")).isEqualTo(RequestText.CONTROL);
        assertThat(RequestText.refusal("bell\u0007")).isEqualTo(RequestText.CONTROL);
        assertThat(RequestText.refusal("escape\u001b[31m")).isEqualTo(RequestText.CONTROL);
        assertThat(RequestText.refusal("delete\u007f")).isEqualTo(RequestText.CONTROL);
        assertThat(RequestText.refusal("next line\u0085")).isEqualTo(RequestText.CONTROL);
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThat(RequestText.refusal("high \ud83d alone")).isEqualTo(RequestText.UNPAIRED_SURROGATE);
        assertThat(RequestText.refusal("ends high \ud83d")).isEqualTo(RequestText.UNPAIRED_SURROGATE);
        assertThat(RequestText.refusal("low \ude00 alone")).isEqualTo(RequestText.UNPAIRED_SURROGATE);
    }

    @Test
    void aSingleLineHasNoBreaksTabsOrBidirectionalControls() {
        assertThat(RequestText.isSingleLine("Acme Support Bot – 日本 \ud83e\udd16"))
                .isTrue();
        assertThat(RequestText.isSingleLine("Acme\nSupport")).isFalse();
        assertThat(RequestText.isSingleLine("Acme\tSupport")).isFalse();
        assertThat(RequestText.isSingleLine("Acme\u2028Support")).isFalse();
        assertThat(RequestText.isSingleLine("invoice\u202etxt.exe")).isFalse();
        assertThat(RequestText.isSingleLine("admin\u2066 \u2069")).isFalse();
        // Marks that only give a neutral character a direction are part of ordinary right-to-left text.
        assertThat(RequestText.isSingleLine("שלום\u200f!")).isTrue();
    }
}
