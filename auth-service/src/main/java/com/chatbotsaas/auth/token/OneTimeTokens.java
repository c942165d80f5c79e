package com.chatbotsaas.auth.token;

import com.chatbotsaas.platform.crypto.Hashes;
import com.chatbotsaas.platform.data.Uuids;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Single-use tokens of one table ({@code id, user_id, token_hash, expires_at, used_at} and any columns of its own),
 * stored as SHA-256 hashes: whoever reads the table cannot use them. A token is 256 random bits, so a fast hash is
 * enough (nothing to brute-force), and lookups stay a unique-index hit.
 */
public final class OneTimeTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_]+");

    private final JdbcClient jdbc;
    private final String table;

    public OneTimeTokens(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = identifier(table);
    }

    /**
     * Issues a new token for the user, spending any still unused: only the latest email's link works. {@code columns}
     * are the table's own columns, stored with the token.
     */
    public Issued issue(UUID user, Duration ttl, Map<String, ? extends @Nullable Object> columns) {
        jdbc.sql("update " + table + " set used_at = now() where user_id = ? and used_at is null")
                .param(user)
                .update();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        List<String> names = new ArrayList<>(List.of("id", "user_id", "token_hash", "expires_at"));
        List<@Nullable Object> values =
                new ArrayList<>(List.of(Uuids.v7(), user, hash(token), Timestamp.from(expiresAt)));
        columns.forEach((name, value) -> {
            names.add(identifier(name));
            values.add(value);
        });
        jdbc.sql("insert into " + table + " (" + String.join(", ", names) + ") values ("
                        + String.join(", ", names.stream().map(name -> "?").toList()) + ")")
                .params(values)
                .update();
        return new Issued(token, expiresAt);
    }

    /**
     * Marks the token used and maps the {@code returning} columns of its row, if it is unused and unexpired; atomic,
     * so a token is spent once even by concurrent requests. Rolled back with the caller's transaction when what the
     * token was for fails.
     */
    public <T> Optional<T> consume(String token, String returning, RowMapper<T> row) {
        return jdbc.sql("update " + table + " set used_at = now()"
                        + " where token_hash = ? and used_at is null and expires_at > now()"
                        + " returning " + returning)
                .param(hash(token))
                .query(row)
                .optional();
    }

    /** Deletes the tokens used or expired longer ago than {@code age}. */
    public int deleteSettledBefore(Duration age) {
        return jdbc.sql("delete from " + table
                        + " where coalesce(used_at, expires_at) < now() - (? * interval '1 second')")
                .param(age.toSeconds())
                .update();
    }

    /** What the table stores for a token. */
    public static String hash(String token) {
        return Hashes.sha256Hex(token);
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a column or table name: " + name);
        }
        return name;
    }

    /** A new token (shown only to notification-service) and when it stops working. */
    public record Issued(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[token=***, expiresAt=" + expiresAt + "]";
        }
    }
}
