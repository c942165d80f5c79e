package com.chatbotsaas.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Query (and form) parameters may carry the same text as request bodies ({@link RequestText}): a parameter with a
 * control character or a broken surrogate pair is refused before the handler runs, so that no query sees it (a NUL
 * reaching PostgreSQL is an error of the database, not of the request) and the client learns which parameter it was.
 */
final class RequestParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            String refusal = RequestText.refusal(name);
            if (refusal != null) {
                // A name that cannot be shown is reported as the query's fault.
                throw new RefusedParameter("query", refusal);
            }
            for (@Nullable String value : parameter.getValue()) {
                // A form body's name without '=' has no value (Spring's FormContentFilter, for PUT and PATCH).
                if (value == null) {
                    continue;
                }
                refusal = RequestText.refusal(value);
                if (refusal != null) {
                    throw new RefusedParameter(name, refusal);
                }
            }
        }
        return true;
    }

    /** A parameter a request may not carry; answered as invalid data in that parameter (422). */
    static final class RefusedParameter extends RuntimeException {

        private final String name;
        private final String refusal;

        RefusedParameter(String name, String refusal) {
            super(name + " " + refusal, null, false, false);
            this.name = name;
            this.refusal = refusal;
        }

        String name() {
            return name;
        }

        String refusal() {
            return refusal;
        }
    }
}
