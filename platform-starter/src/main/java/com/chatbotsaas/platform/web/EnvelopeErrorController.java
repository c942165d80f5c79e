package com.chatbotsaas.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (filters, the container) still answer in the envelope, without internals. */
@RestController
class EnvelopeErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        ErrorCode errorCode = ErrorCode.forStatus(code);
        String message = code >= 500
                ? "Internal server error"
                : errorCode.name().replace('_', ' ').toLowerCase();
        return ResponseEntity.status(code).body(ApiError.of(errorCode, message));
    }
}
