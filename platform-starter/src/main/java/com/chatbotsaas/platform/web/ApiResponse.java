package com.chatbotsaas.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The success envelope of every response: {@code {success, message, data, meta, timestamp, request_id}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(
        boolean success,
        String message,
        @Nullable T data,
        @Nullable Map<String, Object> meta,
        Instant timestamp,
        @Nullable String requestId) {

    public static <T> ApiResponse<T> of(String message, T data) {
        return new ApiResponse<>(true, message, data, null, Instant.now(), RequestIds.current());
    }

    public static <T> ApiResponse<List<T>> page(String message, List<T> items, Map<String, Object> meta) {
        return new ApiResponse<>(true, message, items, meta, Instant.now(), RequestIds.current());
    }
}
