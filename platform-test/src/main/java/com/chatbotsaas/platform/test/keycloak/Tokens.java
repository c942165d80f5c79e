package com.chatbotsaas.platform.test.keycloak;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A token endpoint response; client-credentials responses have no refresh token. */
public record Tokens(
        String accessToken, @Nullable String refreshToken, long expiresInSeconds, long refreshExpiresInSeconds) {

    /** The decoded payload of the access token (not verified: the tests' own resource servers do that). */
    public JsonNode accessTokenClaims() {
        return Jwts.payload(accessToken);
    }

    /** The {@code Authorization} header value. */
    public String bearer() {
        return "Bearer " + accessToken;
    }

    @Override
    public String toString() {
        return "Tokens[expiresInSeconds=" + expiresInSeconds + ", refresh=" + (refreshToken != null) + "]";
    }
}
