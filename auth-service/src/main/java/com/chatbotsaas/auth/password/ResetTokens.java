package com.chatbotsaas.auth.password;

import com.chatbotsaas.platform.data.Uuids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Password reset tokens, stored as SHA-256 hashes: whoever reads the table cannot use them. A token is 256 random
 * bits, so a fast hash is enough (nothing to brute-force), and lookups stay a unique-index hit.
 */
@Repository
class ResetTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ResetTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a new token for the user, replacing any still unused: only the latest email's link works. */
    Issued issue(String userId, Duration ttl, @Nullable String requestedFrom) {
        UUID user = UUID.fromString(userId);
        jdbc.sql("update password_reset_token set used_at = now() where user_id = ? and used_at is null")
                .param(user)
                .update();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("""
                        insert into password_reset_token (id, user_id, token_hash, expires_at, requested_ip)
                        values (?, ?, ?, ?, ?)""")
                .params(Uuids.v7(), user, hash(token), Timestamp.from(expiresAt), requestedFrom)
                .update();
        return new Issued(token, expiresAt);
    }

    /**
     * Marks the token used and returns its user, if it is unused and unexpired; atomic, so two concurrent resets with
     * one token cannot both succeed. Rolled back with the caller's transaction when the reset fails.
     */
    Optional<String> consume(String token) {
        return jdbc.sql("""
                        update password_reset_token set used_at = now()
                        where token_hash = ? and used_at is null and expires_at > now()
                        returning user_id""")
                .param(hash(token))
                .query((rs, n) -> rs.getObject("user_id", UUID.class).toString())
                .optional();
    }

    int deleteSettledBefore(Duration age) {
        return jdbc.sql("""
                        delete from password_reset_token
                        where coalesce(used_at, expires_at) < now() - (? * interval '1 second')""").param(age.toSeconds()).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new token (shown only to notification-service) and when it stops working. */
    record Issued(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[token=***, expiresAt=" + expiresAt + "]";
        }
    }
}
