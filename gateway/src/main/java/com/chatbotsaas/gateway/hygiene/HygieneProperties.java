package com.chatbotsaas.gateway.hygiene;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param stripRequestHeaders request headers the services may trust because only the gateway sets them: removed from
 *     every request a client sends, whatever their case
 */
@ConfigurationProperties("gateway.hygiene")
record HygieneProperties(@DefaultValue StripRequestHeaders stripRequestHeaders) {

    /**
     * @param names whole header names
     * @param prefixes header name prefixes ({@code X-Internal-} removes {@code X-Internal-Caller})
     */
    record StripRequestHeaders(
            @DefaultValue List<String> names, @DefaultValue List<String> prefixes) {

        StripRequestHeaders {
            names = normalized(names);
            prefixes = normalized(prefixes);
        }

        private static List<String> normalized(List<String> values) {
            return values.stream()
                    .map(value -> value.strip().toLowerCase(Locale.ROOT))
                    .filter(value -> !value.isEmpty())
                    .toList();
        }

        /** Whether a client may not send this header; case-insensitive, without copying the name. */
        boolean matches(String header) {
            for (String name : names) {
                if (header.length() == name.length() && header.regionMatches(true, 0, name, 0, name.length())) {
                    return true;
                }
            }
            for (String prefix : prefixes) {
                if (header.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    return true;
                }
            }
            return false;
        }
    }
}
