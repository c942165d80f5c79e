package com.chatbotsaas.gateway.denial;

import java.security.Principal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A request the gateway refused.
 *
 * @param reason why, in the event's vocabulary: {@code missing_token}, {@code invalid_token},
 *     {@code insufficient_role}, {@code rate_limited}
 * @param details more of the event's {@code data}, e.g. the rate-limit bucket
 */
public record Denial(
        int status,
        String errorCode,
        String reason,
        @Nullable String actorId,
        String actorType,
        Map<String, Object> details) {

    private static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public static Denial anonymous(int status, String errorCode, String reason) {
        return new Denial(status, errorCode, reason, null, "anonymous", Map.of());
    }

    /** A denial of the caller the principal names; anonymous when it is not a validated token. */
    public static Denial of(
            @Nullable Principal principal, int status, String errorCode, String reason, Map<String, Object> details) {
        if (principal instanceof JwtAuthenticationToken token) {
            String username = token.getToken().getClaimAsString("preferred_username");
            boolean service = username != null && username.startsWith(SERVICE_ACCOUNT_PREFIX);
            return new Denial(status, errorCode, reason, token.getName(), service ? "service" : "user", details);
        }
        return new Denial(status, errorCode, reason, null, "anonymous", details);
    }
}
