package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.config.NotificationProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signing secrets at rest: AES-GCM with the key from {@code WEBHOOK_SECRET_KEY}. The service must read a secret back
 * to sign, so it cannot keep only a hash; the API shows a secret once and never again.
 */
@Component
class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "v1:";

    private final SecretKey key;

    SecretBox(NotificationProperties properties) {
        String configured = properties.webhooks().secretKey();
        if (configured == null || configured.isBlank()) {
            log.warn("WEBHOOK_SECRET_KEY is not set: webhook secrets are encrypted with a development key");
            this.key = new SecretKeySpec(sha256("chatbot-saas development webhook key"), "AES");
        } else {
            byte[] bytes = Base64.getDecoder().decode(configured.strip());
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new IllegalStateException("WEBHOOK_SECRET_KEY must be 16, 24 or 32 bytes, base64-encoded");
            }
            this.key = new SecretKeySpec(bytes, "AES");
        }
    }

    /** A new signing secret in the Standard Webhooks form: {@code whsec_} and 32 random bytes in base64. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    String encrypt(String secret) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a webhook secret", e);
        }
    }

    String decrypt(String ciphertext) {
        try {
            byte[] bytes = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
            return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a webhook secret (was WEBHOOK_SECRET_KEY changed?)", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
