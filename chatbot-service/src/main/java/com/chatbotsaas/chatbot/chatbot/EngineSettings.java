package com.chatbotsaas.chatbot.chatbot;

import com.chatbotsaas.chatbot.chatbot.ChatbotRequests.EngineRequest;
import com.chatbotsaas.platform.crypto.SecretBox;
import com.chatbotsaas.platform.outbound.OutboundGuard;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Validates an engine's settings for its type and turns them into what is stored: settings without secrets, the
 * encrypted API key, and the text-search language.
 */
@Component
class EngineSettings {

    static final Set<String> TYPES = Set.of("knowledge", "openai", "n8n");

    private final SecretBox secrets;
    private final OutboundGuard guard;
    /** PostgreSQL's text search configurations, read on first use: creating this bean needs no database. */
    private final SingletonSupplier<Set<String>> languages;

    EngineSettings(SecretBox secrets, OutboundGuard guard, JdbcClient jdbc) {
        this.secrets = secrets;
        this.guard = guard;
        this.languages = SingletonSupplier.of(() -> Set.copyOf(
                jdbc.sql("select cfgname from pg_ts_config").query(String.class).list()));
    }

    /** What is stored for an engine. */
    record Resolved(
            String type,
            Map<String, Object> settings,
            @Nullable String secret,
            String language) {}

    /**
     * @param current the chatbot's engine before the update, whose API key is kept when none is sent
     */
    Resolved resolve(EngineRequest request, @Nullable Chatbot current) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String type = request.type();
        Map<String, Object> settings = new LinkedHashMap<>();
        String secret = null;
        String language =
                request.language() != null ? request.language() : current != null ? current.language() : "english";
        if (!languages.obtain().contains(language)) {
            errors.put("engine.language", List.of("must be a text-search language such as english, german or simple"));
        }
        switch (type) {
            case "knowledge" -> {
                Double threshold = request.confidenceThreshold();
                if (threshold != null && (threshold < 0 || threshold > 1)) {
                    errors.put("engine.confidence_threshold", List.of("must be between 0 and 1"));
                }
                if (threshold != null) {
                    settings.put("confidence_threshold", threshold);
                }
            }
            case "openai" -> {
                String baseUrl = url(request.baseUrl(), "engine.base_url", errors);
                if (baseUrl != null) {
                    settings.put("base_url", baseUrl);
                }
                if (request.model() == null || request.model().isBlank()) {
                    errors.put("engine.model", List.of("is required"));
                } else {
                    settings.put("model", request.model());
                }
                if (request.systemPrompt() != null) {
                    settings.put("system_prompt", request.systemPrompt());
                }
                Double temperature = request.temperature();
                if (temperature != null && (temperature < 0 || temperature > 2)) {
                    errors.put("engine.temperature", List.of("must be between 0 and 2"));
                } else if (temperature != null) {
                    settings.put("temperature", temperature);
                }
                Integer maxTokens = request.maxTokens();
                if (maxTokens != null && (maxTokens < 1 || maxTokens > 32000)) {
                    errors.put("engine.max_tokens", List.of("must be between 1 and 32000"));
                } else if (maxTokens != null) {
                    settings.put("max_tokens", maxTokens);
                }
                settings.put("stream", request.stream() == null || request.stream());
                if (request.apiKey() != null && !request.apiKey().isBlank()) {
                    secret = secrets.encrypt(request.apiKey());
                } else if (current != null && "openai".equals(current.engineType()) && current.engineSecret() != null) {
                    // The stored key goes only to the host it was given for: a new base URL needs it again, else
                    // anyone who may edit the bot could send it to a host of their choosing.
                    if (baseUrl == null || baseUrl.equals(current.setting("base_url"))) {
                        secret = current.engineSecret();
                    } else {
                        errors.put("engine.api_key", List.of("is required when base_url changes"));
                    }
                } else {
                    errors.put("engine.api_key", List.of("is required"));
                }
            }
            case "n8n" -> {
                String webhook = url(request.webhookUrl(), "engine.webhook_url", errors);
                if (webhook != null) {
                    settings.put("webhook_url", webhook);
                }
            }
            default -> errors.put("engine.type", List.of("must be one of knowledge, openai, n8n"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "The given data was invalid", errors, null);
        }
        return new Resolved(type, settings, secret, language);
    }

    private @Nullable String url(@Nullable String value, String field, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, List.of("is required"));
            return null;
        }
        try {
            return guard.validate(field, value, false).toString();
        } catch (ApiException e) {
            errors.putAll(e.errors());
            return null;
        }
    }
}
