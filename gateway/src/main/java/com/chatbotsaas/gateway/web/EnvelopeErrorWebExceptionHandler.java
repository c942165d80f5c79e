package com.chatbotsaas.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/** Every error the gateway itself raises (no route, upstream down or slow, bugs) answers in the envelope. */
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
        if (ex instanceof ResponseStatusException status) {
            return byStatus(exchange, status.getStatusCode(), ex);
        }
        if (ex instanceof TimeoutException || ex.getCause() instanceof TimeoutException) {
            return envelopes.write(
                    exchange, HttpStatus.GATEWAY_TIMEOUT, "UPSTREAM_TIMEOUT", "The service did not answer in time");
        }
        if (ex instanceof ConnectException || ex.getCause() instanceof ConnectException) {
            return envelopes.write(
                    exchange,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "SERVICE_UNAVAILABLE",
                    "The service is unavailable, try again later");
        }
        log.error("Gateway error [request_id={}]", RequestIds.of(exchange), ex);
        return envelopes.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal server error");
    }

    private Mono<Void> byStatus(ServerWebExchange exchange, HttpStatusCode status, Throwable ex) {
        return switch (status.value()) {
            case 404 -> envelopes.write(exchange, status, "NOT_FOUND", "Resource not found");
            case 405 -> envelopes.write(exchange, status, "METHOD_NOT_ALLOWED", "Method not allowed");
            case 413 -> envelopes.write(exchange, status, "PAYLOAD_TOO_LARGE", "The request is too large");
            case 503 ->
                envelopes.write(exchange, status, "SERVICE_UNAVAILABLE", "The service is unavailable, try again later");
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
}
