package com.chatbotsaas.auth.email;

import com.chatbotsaas.platform.crypto.Hashes;
import com.chatbotsaas.platform.data.Uuids;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Email verification tokens, stored as SHA-256 hashes like password reset tokens: 256 random bits, so a fast hash is
 * enough and whoever reads the table cannot use them. Each token is bound to the address it was sent to.
 */
@Repository
class VerificationTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    VerificationTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a new token for the user's address, spending any still unused: only the latest email's link works. */
    Issued issue(String userId, String email, Duration ttl) {
        UUID user = UUID.fromString(userId);
        jdbc.sql("update email_verification_token set used_at = now() where user_id = ? and used_at is null")
                .param(user)
                .update();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("""
                        insert into email_verification_token (id, user_id, email, token_hash, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(Uuids.v7(), user, email, hash(token), Timestamp.from(expiresAt))
                .update();
        return new Issued(token, expiresAt);
    }

    /**
     * Marks the token used and returns whom and which address it verifies, if it is unused and unexpired; atomic, so
     * a token verifies once. Rolled back with the caller's transaction when the verification fails.
     */
    Optional<Verified> consume(String token) {
        return jdbc.sql("""
                        update email_verification_token set used_at = now()
                        where token_hash = ? and used_at is null and expires_at > now()
                        returning user_id, email""")
                .param(hash(token))
                .query((rs, n) ->
                        new Verified(rs.getObject("user_id", UUID.class).toString(), rs.getString("email")))
                .optional();
    }

    int deleteSettledBefore(Duration age) {
        return jdbc.sql("""
                        delete from email_verification_token
                        where coalesce(used_at, expires_at) < now() - (? * interval '1 second')""").param(age.toSeconds()).update();
    }

    static String hash(String token) {
        return Hashes.sha256Hex(token);
    }

    /** A new token (shown only to notification-service) and when it stops working. */
    record Issued(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[token=***, expiresAt=" + expiresAt + "]";
        }
    }

    record Verified(String userId, String email) {}
}
