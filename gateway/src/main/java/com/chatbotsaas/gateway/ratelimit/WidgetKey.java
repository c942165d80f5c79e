package com.chatbotsaas.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.UriUtils;

/**
 * The chatbot public key of a widget API path, as the chatbot-service will read it: percent-decoded, so that
 * {@code %70k_…} and {@code pk_…} share one bucket. A key outside the public-key alphabet names no chatbot and is
 * refused before it can name a bucket of its own.
 */
final class WidgetKey {

    /** Public keys are {@code pk_} and URL-safe Base64; the length bound keeps invented keys from growing Redis. */
    private static final Pattern PUBLIC_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final List<String> PREFIX = List.of("api", "v1", "public", "chatbots");

    private WidgetKey() {}

    static Result of(RequestPath path) {
        List<String> segments = new ArrayList<>();
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment
                    && !segment.value().isEmpty()) {
                segments.add(segment.value());
            }
        }
        if (segments.size() <= PREFIX.size()) {
            return new Result.None();
        }
        for (int i = 0; i < PREFIX.size(); i++) {
            if (!PREFIX.get(i).equals(decode(segments.get(i)))) {
                return new Result.None();
            }
        }
        String key = decode(segments.get(PREFIX.size()));
        return key != null && PUBLIC_KEY.matcher(key).matches() ? new Result.Key(key) : new Result.Invalid();
    }

    /** The segment percent-decoded once (matrix parameters kept, so that they fail the alphabet); null if malformed. */
    private static @Nullable String decode(String raw) {
        try {
            return UriUtils.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    sealed interface Result {

        record Key(String publicKey) implements Result {}

        /** Not a path under {@code /api/v1/public/chatbots/{key}}. */
        record None() implements Result {}

        /** A chatbot path whose key cannot be a public key. */
        record Invalid() implements Result {}
    }
}
