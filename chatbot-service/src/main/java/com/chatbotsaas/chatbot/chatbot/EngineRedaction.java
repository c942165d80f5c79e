package com.chatbotsaas.chatbot.chatbot;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Engine settings that are capabilities (a webhook URL is as good as a password; a base URL may carry a path secret)
 * or the tenant's own work (the system prompt): shown in full only to callers who may change the chatbot. Others see
 * a URL's origin and no prompt; events and the audit trail say that they changed, never what they are.
 */
final class EngineRedaction {

    static final Set<String> URLS = Set.of("webhook_url", "base_url");
    static final String PROMPT = "system_prompt";
    static final String REDACTED = "[redacted]";

    private EngineRedaction() {}

    /** Settings as a reader without {@code chatbots.write} sees them: URLs as their origin, the prompt null. */
    static Map<String, Object> forReader(Map<String, Object> settings) {
        return redact(settings, null);
    }

    /** Settings as events and the audit trail record them: URLs as their origin, the prompt as "[redacted]". */
    static Map<String, Object> forEvents(Map<String, Object> settings) {
        return redact(settings, REDACTED);
    }

    private static Map<String, Object> redact(Map<String, Object> settings, @Nullable String prompt) {
        Map<String, Object> redacted = new LinkedHashMap<>(settings);
        for (String key : URLS) {
            if (settings.get(key) instanceof String url) {
                redacted.put(key, origin(url));
            }
        }
        if (settings.containsKey(PROMPT)) {
            redacted.put(PROMPT, prompt);
        }
        return redacted;
    }

    static String origin(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return REDACTED;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return REDACTED;
        }
    }
}
