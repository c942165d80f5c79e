package com.chatbotsaas.gateway.hygiene;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param stripRequestHeaders request headers the services may trust because only the gateway sets them: removed from
 *     every request a client sends, whatever their case
 */
@ConfigurationProperties("gateway.hygiene")
record HygieneProperties(@Nullable StripRequestHeaders stripRequestHeaders) {

    HygieneProperties {
        if (stripRequestHeaders == null) {
            stripRequestHeaders = new StripRequestHeaders(List.of(), List.of());
        }
    }

    StripRequestHeaders strip() {
        return Objects.requireNonNull(stripRequestHeaders);
    }

    /**
     * @param names whole header names
     * @param prefixes header name prefixes ({@code X-Internal-} removes {@code X-Internal-Caller})
     */
    record StripRequestHeaders(
            @Nullable List<String> names, @Nullable List<String> prefixes) {

        StripRequestHeaders {
            names = normalized(names);
            prefixes = normalized(prefixes);
        }

        private static List<String> normalized(@Nullable List<String> values) {
            return values == null
                    ? List.of()
                    : values.stream()
                            .map(value -> value.strip().toLowerCase(Locale.ROOT))
                            .filter(value -> !value.isEmpty())
                            .toList();
        }

        /** Whether a client may not send this header; case-insensitive, without copying the name. */
        boolean matches(String header) {
            for (String name : Objects.requireNonNull(names)) {
                if (header.length() == name.length() && header.regionMatches(true, 0, name, 0, name.length())) {
                    return true;
                }
            }
            for (String prefix : Objects.requireNonNull(prefixes)) {
                if (header.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    return true;
                }
            }
            return false;
        }
    }
}
