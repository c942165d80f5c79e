package com.chatbotsaas.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a delivery, written from the Standard Webhooks specification alone (not from the service's
 * code): the key is the base64 part of the {@code whsec_} secret; the signed content is {@code id.timestamp.body};
 * the header holds space-separated {@code v1,<base64 HMAC-SHA256>} entries; timestamps older or newer than five
 * minutes are refused.
 */
final class StandardWebhooksVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooksVerifier() {}

    static boolean verify(String secret, String id, String timestamp, String signatureHeader, String body) {
        long seconds = Long.parseLong(timestamp);
        if (Duration.between(Instant.ofEpochSecond(seconds), Instant.now())
                        .abs()
                        .compareTo(TOLERANCE)
                > 0) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String versioned : signatureHeader.split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length == 2
                    && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }
}
