package com.chatbotsaas.chatbot.chatbot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A chatbot as clients see it: the engine's settings without its secret, which is only said to be set. */
public record ChatbotResponse(
        UUID id,
        UUID organizationId,
        String name,
        @Nullable String description,
        Map<String, Object> engine,
        String status,
        @Nullable String welcomeMessage,
        String fallbackMessage,
        List<String> allowedOrigins,
        String publicKey,
        String trainingStatus,
        @Nullable Instant trainedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The chatbot as someone who may change it sees it. */
    static ChatbotResponse of(Chatbot bot) {
        return of(bot, true);
    }

    /**
     * @param writer whether the caller holds {@code chatbots.write}; else capability URLs and the prompt are redacted
     */
    static ChatbotResponse of(Chatbot bot, boolean writer) {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("type", bot.engineType());
        engine.putAll(writer ? bot.engineSettings() : EngineRedaction.forReader(bot.engineSettings()));
        engine.put("language", bot.language());
        if ("openai".equals(bot.engineType())) {
            engine.put("has_api_key", bot.engineSecret() != null);
        }
        return new ChatbotResponse(
                bot.id(),
                bot.organizationId(),
                bot.name(),
                bot.description(),
                engine,
                bot.status().value(),
                bot.welcomeMessage(),
                bot.fallbackMessage(),
                bot.allowedOrigins(),
                bot.publicKey(),
                bot.trainingStatus(),
                bot.trainedAt(),
                bot.createdAt(),
                bot.updatedAt());
    }
}
