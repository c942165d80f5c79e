package com.chatbotsaas.platform.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An expected failure that becomes an error envelope. The message is shown to the client, so it must never
 * carry internals.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode errorCode;
    private final Map<String, List<String>> errors;

    public ApiException(ErrorCode errorCode, String message) {
        this(errorCode, message, Map.of(), null);
    }

    public ApiException(
            ErrorCode errorCode, String message, Map<String, List<String>> errors, @Nullable Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.errors = Map.copyOf(errors);
    }

    /** Never null: every constructor takes the message. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException forbidden() {
        return new ApiException(ErrorCode.FORBIDDEN, "You do not have permission to perform this action");
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(ErrorCode.UNAUTHENTICATED, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    /** A 422 for one field, named as the client sent it (snake_case). */
    public static ApiException invalid(String field, String message) {
        return new ApiException(
                ErrorCode.VALIDATION_ERROR, "The given data was invalid", Map.of(field, List.of(message)), null);
    }

    public static ApiException unavailable(String message, @Nullable Throwable cause) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, message, Map.of(), cause);
    }
}
