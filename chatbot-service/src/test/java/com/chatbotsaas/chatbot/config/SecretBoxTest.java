package com.chatbotsaas.chatbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static SecretBox box(String key) {
        return new SecretBox(
                new ChatbotProperties(Base64.getEncoder().encodeToString(key.getBytes()), null, null, null, 1));
    }

    @Test
    void encryptsWithAFreshNonceAndDecryptsWithTheSameKeyOnly() {
        SecretBox box = box("0123456789abcdef0123456789abcdef");
        String first = box.encrypt("sk-secret");
        String second = box.encrypt("sk-secret");
        assertThat(first).startsWith("v1:").doesNotContain("sk-secret").isNotEqualTo(second);
        assertThat(box.decrypt(first)).isEqualTo("sk-secret");
        assertThatThrownBy(() -> box("fedcba9876543210fedcba9876543210").decrypt(first))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> box("short")).isInstanceOf(IllegalStateException.class);
    }
}
