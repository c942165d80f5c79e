package com.chatbotsaas.gateway.hygiene;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request body over the route's limit. Its own type so that circuit breakers can ignore it: a client sending too
 * much says nothing about the health of the service.
 */
public class PayloadTooLargeException extends ResponseStatusException {

    PayloadTooLargeException(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Request body larger than " + limit + " bytes");
    }
}
