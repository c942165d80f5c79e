package com.chatbotsaas.gateway.security;

import com.chatbotsaas.gateway.client.ClientAddress;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The security headers of every answer, written once just before it is committed, each only when the service did not
 * set it already: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code Referrer-Policy:
 * no-referrer}, {@code X-XSS-Protection: 0}, no caching unless the service chose its own caching headers (and never
 * on a 304), and {@code Strict-Transport-Security} only when the client came over TLS (here or at a trusted proxy).
 *
 * <p>The same headers as Spring Security's header writers, in one pass: those run one reactive writer per header
 * (a dozen, most writing nothing) and each copies the response's header names into a case-insensitive set, on every
 * request. Ordered before Spring Security, so answers its firewall refuses get the headers too.
 */
final class SecurityHeadersWebFilter implements WebFilter, Ordered {

    private final String hsts;

    SecurityHeadersWebFilter(Duration hstsMaxAge) {
        this.hsts = "max-age=" + hstsMaxAge.toSeconds() + "; includeSubDomains";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            write(response.getHeaders(), response.getStatusCode() == HttpStatus.NOT_MODIFIED, exchange);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private void write(HttpHeaders headers, boolean notModified, ServerWebExchange exchange) {
        setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        setIfAbsent(headers, "X-Frame-Options", "DENY");
        setIfAbsent(headers, "Referrer-Policy", "no-referrer");
        setIfAbsent(headers, "X-XSS-Protection", "0");
        if (!notModified
                && !headers.containsHeader(HttpHeaders.CACHE_CONTROL)
                && !headers.containsHeader(HttpHeaders.PRAGMA)
                && !headers.containsHeader(HttpHeaders.EXPIRES)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
            headers.set(HttpHeaders.PRAGMA, "no-cache");
            headers.set(HttpHeaders.EXPIRES, "0");
        }
        if (ClientAddress.of(exchange).secure()) {
            setIfAbsent(headers, "Strict-Transport-Security", hsts);
        }
    }

    private static void setIfAbsent(HttpHeaders headers, String name, String value) {
        if (!headers.containsHeader(name)) {
            headers.set(name, value);
        }
    }

    /** After the request id and the client address (needed here), before management access and Spring Security. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
