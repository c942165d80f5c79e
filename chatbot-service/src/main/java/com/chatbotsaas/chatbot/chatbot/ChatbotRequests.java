package com.chatbotsaas.chatbot.chatbot;

import com.chatbotsaas.platform.web.SingleLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Request bodies of the chatbot routes. */
final class ChatbotRequests {

    private ChatbotRequests() {}

    record CreateChatbotRequest(
            @NotBlank @Size(max = 120) @SingleLine String name,
            @Nullable @Size(max = 2000) String description,
            @NotNull @Valid EngineRequest engine,
            @Nullable @Size(max = 2000) String welcomeMessage,
            @Nullable @Size(max = 2000) String fallbackMessage,
            @Nullable @Size(max = 50) List<@NotBlank @Size(max = 255) String> allowedOrigins) {}

    record UpdateChatbotRequest(
            @Nullable @Size(min = 1, max = 120) @SingleLine String name,
            @Nullable @Size(max = 2000) String description,
            @Nullable @Valid EngineRequest engine,
            @Nullable @Size(max = 2000) String welcomeMessage,
            @Nullable @Size(min = 1, max = 2000) String fallbackMessage,
            @Nullable @Size(max = 50) List<@NotBlank @Size(max = 255) String> allowedOrigins,

            @Nullable @Pattern(regexp = "draft|active|archived", message = "must be draft, active or archived")
            String status) {}

    /**
     * The engine and its settings; which fields apply depends on the type. {@code api_key} is write-only: omitted on
     * update, the stored key is kept.
     */
    record EngineRequest(
            @NotBlank String type,
            @Nullable String language,
            @Nullable Double confidenceThreshold,
            @Nullable String baseUrl,
            @Nullable String model,
            @Nullable @Size(max = 500) String apiKey,
            @Nullable @Size(max = 8000) String systemPrompt,
            @Nullable Double temperature,
            @Nullable Integer maxTokens,
            @Nullable Boolean stream,
            @Nullable String webhookUrl) {}
}
