package com.chatbotsaas.auth.token;

import java.time.Instant;

/**
 * The data of a message that hands a one-time token to notification-service to email (email verification, password
 * reset): {@code contracts/messages/email-verification.schema.json} and {@code password-reset.schema.json}.
 */
public record TokenMessage(String userId, String email, String name, String token, Instant expiresAt) {

    public static TokenMessage of(String userId, String email, String name, OneTimeTokens.Issued issued) {
        return new TokenMessage(userId, email, name, issued.token(), issued.expiresAt());
    }

    @Override
    public String toString() {
        return "TokenMessage[userId=" + userId + ", token=***, expiresAt=" + expiresAt + "]";
    }
}
