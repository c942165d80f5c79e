package com.chatbotsaas.chatbot.chatbot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A chatbot as stored. {@code engineSecret} is the encrypted API key of a remote engine; it never leaves the service.
 */
public record Chatbot(
        UUID id,
        UUID organizationId,
        String name,
        @Nullable String description,
        String engineType,
        Map<String, Object> engineSettings,
        @Nullable String engineSecret,
        String language,
        ChatbotStatus status,
        @Nullable String welcomeMessage,
        String fallbackMessage,
        List<String> allowedOrigins,
        String publicKey,
        String trainingStatus,
        @Nullable Instant trainedAt,
        Instant createdAt,
        Instant updatedAt) {

    public boolean archived() {
        return status == ChatbotStatus.ARCHIVED;
    }

    public @Nullable String setting(String name) {
        Object value = engineSettings.get(name);
        return value == null ? null : value.toString();
    }

    public @Nullable Number number(String name) {
        return engineSettings.get(name) instanceof Number n ? n : null;
    }

    /** Whether a browser page of this origin may talk to the chatbot through the widget. */
    public boolean allowsOrigin(@Nullable String origin) {
        return origin != null && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
    }
}
