package com.chatbotsaas.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The error envelope: {@code {success:false, message, error_code, errors, timestamp, request_id}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(
        boolean success,
        String message,
        String errorCode,
        Map<String, List<String>> errors,
        Instant timestamp,
        @Nullable String requestId) {

    public static ApiError of(ErrorCode code, String message, Map<String, List<String>> errors) {
        return new ApiError(false, message, code.name(), errors, Instant.now(), RequestIds.current());
    }

    public static ApiError of(ErrorCode code, String message) {
        return of(code, message, Map.of());
    }
}
