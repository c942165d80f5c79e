package com.chatbotsaas.gateway.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/** The request id at the gateway: the client's when it is acceptable, else a new one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();

    private RequestIds() {}

    static String acceptOrGenerate(@Nullable String candidate) {
        return candidate != null && valid(candidate)
                ? candidate
                : UUID.randomUUID().toString();
    }

    /** {@code [A-Za-z0-9._-]{1,64}}, checked without a regular expression (it runs on every request). */
    static boolean valid(String candidate) {
        int length = candidate.length();
        if (length == 0 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static @Nullable String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
