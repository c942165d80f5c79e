package com.chatbotsaas.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself raises (no route, upstream down or slow, body too large, bugs) answers in the
 * envelope, never with a stack trace or an exception's message.
 */
@Component
@Order(-2)
class EnvelopeErrorWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeErrorWebExceptionHandler.class);

    private final ErrorEnvelopes envelopes;

    EnvelopeErrorWebExceptionHandler(ErrorEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            // Mid-stream (e.g. an upstream that died while streaming): nothing sensible can be written any more.
            return Mono.error(ex);
        }
        if (ex instanceof ResponseStatusException status) {
            return byStatus(exchange, status.getStatusCode(), ex);
        }
        // E.g. the gateway's ServiceUnavailableException when a circuit is open.
        ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
        if (annotated != null) {
            return byStatus(exchange, annotated.code(), ex);
        }
        if (has(ex, TimeoutException.class)) {
            return envelopes.write(
                    exchange, HttpStatus.GATEWAY_TIMEOUT, "UPSTREAM_TIMEOUT", "The service did not answer in time");
        }
        if (has(ex, ConnectException.class) || has(ex, AuthenticationServiceException.class)) {
            // Nobody listens, or the identity provider's keys cannot be had: not the client's fault, try later.
            return unavailable(exchange);
        }
        if (has(ex, IOException.class)) {
            log.warn("Upstream failed [request_id={}]: {}", RequestIds.of(exchange), ex.toString());
            return envelopes.write(
                    exchange, HttpStatus.BAD_GATEWAY, "UPSTREAM_ERROR", "The service failed to answer properly");
        }
        log.error("Gateway error [request_id={}]", RequestIds.of(exchange), ex);
        return envelopes.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal server error");
    }

    private Mono<Void> byStatus(ServerWebExchange exchange, HttpStatusCode status, Throwable ex) {
        return switch (status.value()) {
            case 404 -> envelopes.write(exchange, status, "NOT_FOUND", "Resource not found");
            case 405 -> envelopes.write(exchange, status, "METHOD_NOT_ALLOWED", "Method not allowed");
            case 413 -> envelopes.write(exchange, status, "PAYLOAD_TOO_LARGE", "The request is too large");
            case 415 -> envelopes.write(exchange, status, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type");
            case 503 -> unavailable(exchange);
            case 504 -> envelopes.write(exchange, status, "UPSTREAM_TIMEOUT", "The service did not answer in time");
            default -> {
                if (status.is5xxServerError()) {
                    log.error("Gateway error [request_id={}]", RequestIds.of(exchange), ex);
                    yield envelopes.write(exchange, status, "INTERNAL_ERROR", "Internal server error");
                }
                yield envelopes.write(exchange, status, "MALFORMED_REQUEST", "Bad request");
            }
        };
    }

    private Mono<Void> unavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return envelopes.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "SERVICE_UNAVAILABLE",
                "The service is unavailable, try again later");
    }

    private static boolean has(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
