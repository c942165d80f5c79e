package com.chatbotsaas.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** The request id: validated from the client or generated, carried in the MDC for logs, events and calls. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {}

    /** The client's id when it is acceptable, else a new one. */
    public static String acceptOrGenerate(@Nullable String candidate) {
        return candidate != null && VALID.matcher(candidate).matches()
                ? candidate
                : UUID.randomUUID().toString();
    }

    public static @Nullable String current() {
        return MDC.get(MDC_KEY);
    }
}
