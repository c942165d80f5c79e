package com.chatbotsaas.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static SecretBox box(String key) {
        return new SecretBox(Base64.getEncoder().encodeToString(key.getBytes()), "TEST_KEY");
    }

    @Test
    void encryptsWithAFreshNonceAndDecryptsWithTheSameKeyOnly() {
        SecretBox box = box("0123456789abcdef0123456789abcdef");
        String first = box.encrypt("sk-secret");
        String second = box.encrypt("sk-secret");
        assertThat(first).startsWith("v1:").doesNotContain("sk-secret").isNotEqualTo(second);
        assertThat(box.decrypt(first)).isEqualTo("sk-secret");
        assertThatThrownBy(() -> box("fedcba9876543210fedcba9876543210").decrypt(first))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TEST_KEY");
    }

    @Test
    void refusesAKeyOfTheWrongLengthOrNotBase64() {
        assertThatThrownBy(() -> box("short")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox("not base64!", "TEST_KEY")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServiceWithoutAKeyDoesNotStart() {
        assertThatThrownBy(() -> new SecretBox("", "A_KEY"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A_KEY must be set");
        assertThatThrownBy(() -> new SecretBox(null, "A_KEY")).isInstanceOf(IllegalStateException.class);
    }
}
