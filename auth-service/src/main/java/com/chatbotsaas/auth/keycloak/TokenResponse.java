package com.chatbotsaas.auth.keycloak;

/** Keycloak's token endpoint answer (read with the snake_case naming of the platform mapper). */
public record TokenResponse(
        String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", refreshExpiresIn=" + refreshExpiresIn + "]";
    }
}
