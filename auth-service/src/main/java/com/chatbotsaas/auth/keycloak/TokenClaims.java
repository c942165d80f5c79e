package com.chatbotsaas.auth.keycloak;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claims auth-service reads from a token it received from Keycloak over a direct call (access tokens) or that a
 * client hands back (refresh tokens, which Keycloak itself verifies when they are used). Never trusted for access
 * decisions on their own.
 *
 * @param subject the user id ({@code sub})
 * @param sessionId the Keycloak session ({@code sid}), when the token belongs to one
 */
public record TokenClaims(
        String subject,
        @Nullable String sessionId,
        @Nullable String name,
        @Nullable String email) {

    /** The claims of a JWT, or empty when it is not one. */
    public static Optional<TokenClaims> read(String jwt, JsonMapper jsonMapper) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims =
                    jsonMapper.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String subject = text(claims, "sub");
            if (subject == null) {
                return Optional.empty();
            }
            return Optional.of(
                    new TokenClaims(subject, text(claims, "sid"), text(claims, "name"), text(claims, "email")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
