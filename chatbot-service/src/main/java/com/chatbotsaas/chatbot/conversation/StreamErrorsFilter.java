package com.chatbotsaas.chatbot.conversation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A client of a conversation stream accepts only {@code text/event-stream}; a refusal (404, 403, 503) is the JSON
 * error envelope, which it would otherwise get as a bare 406. Stream requests also accept JSON, at lower preference.
 */
@Component
class StreamErrorsFilter extends OncePerRequestFilter {

    private static final String ACCEPT = "text/event-stream, application/json;q=0.5";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().endsWith("/stream");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getHeader(String name) {
                        return "Accept".equalsIgnoreCase(name) ? ACCEPT : super.getHeader(name);
                    }

                    @Override
                    public Enumeration<String> getHeaders(String name) {
                        return "Accept".equalsIgnoreCase(name)
                                ? Collections.enumeration(java.util.List.of(ACCEPT))
                                : super.getHeaders(name);
                    }
                },
                response);
    }
}
