package com.chatbotsaas.auth.password;

import com.chatbotsaas.auth.token.OneTimeTokens;
import com.chatbotsaas.auth.token.OneTimeTokens.Issued;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Password reset tokens: one-time tokens, with the address the reset was requested from. */
@Repository
class ResetTokens {

    private final OneTimeTokens tokens;

    ResetTokens(JdbcClient jdbc) {
        this.tokens = new OneTimeTokens(jdbc, "password_reset_token");
    }

    /** Issues a new token for the user, replacing any still unused: only the latest email's link works. */
    Issued issue(String userId, Duration ttl, @Nullable String requestedFrom) {
        return tokens.issue(UUID.fromString(userId), ttl, Collections.singletonMap("requested_ip", requestedFrom));
    }

    /**
     * Spends the token and returns its user, if it is unused and unexpired; two concurrent resets with one token
     * cannot both succeed.
     */
    Optional<String> consume(String token) {
        return tokens.consume(
                token, "user_id", (rs, n) -> rs.getObject("user_id", UUID.class).toString());
    }

    int deleteSettledBefore(Duration age) {
        return tokens.deleteSettledBefore(age);
    }
}
