package com.chatbotsaas.auth.email;

import com.chatbotsaas.auth.token.OneTimeTokens;
import com.chatbotsaas.auth.token.OneTimeTokens.Issued;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Email verification tokens: one-time tokens, each bound to the address it was sent to. */
@Repository
class VerificationTokens {

    private final OneTimeTokens tokens;

    VerificationTokens(JdbcClient jdbc) {
        this.tokens = new OneTimeTokens(jdbc, "email_verification_token");
    }

    /** Issues a new token for the user's address, spending any still unused: only the latest email's link works. */
    Issued issue(String userId, String email, Duration ttl) {
        return tokens.issue(UUID.fromString(userId), ttl, Map.of("email", email));
    }

    /** Spends the token and returns whom and which address it verifies, if it is unused and unexpired. */
    Optional<Verified> consume(String token) {
        return tokens.consume(
                token,
                "user_id, email",
                (rs, n) -> new Verified(rs.getObject("user_id", UUID.class).toString(), rs.getString("email")));
    }

    int deleteSettledBefore(Duration age) {
        return tokens.deleteSettledBefore(age);
    }

    record Verified(String userId, String email) {}
}
