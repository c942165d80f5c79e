package com.chatbotsaas.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one mapping from exceptions to the error envelope. Expected failures keep their message; anything unexpected
 * is logged with the request id and answered 500 with no internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    /** Request attribute holding the error code of a failed request, read by the audit trail. */
    public static final String ERROR_CODE_ATTRIBUTE = ApiExceptionHandler.class.getName() + ".errorCode";

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final String INVALID = "The given data was invalid";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException ex, HttpServletRequest request) {
        if (ex.errorCode().status().is5xxServerError()) {
            log.warn("Request failed with {}: {}", ex.errorCode(), ex.getMessage(), ex.getCause());
        }
        return respond(request, ex.errorCode(), ex.getMessage(), ex.errors());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException ex, HttpServletRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            add(errors, snakeCase(error.getField()), error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors().forEach(e -> add(errors, e.getObjectName(), e.getDefaultMessage()));
        return respond(request, ErrorCode.VALIDATION_ERROR, INVALID, errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException ex, HttpServletRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(e -> add(
                                errors,
                                snakeCase(Objects.requireNonNull(
                                        result.getMethodParameter().getParameterName(),
                                        "parameter names are compiled in (-parameters)")),
                                e.getDefaultMessage())));
        return respond(request, ErrorCode.VALIDATION_ERROR, INVALID, errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ex.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            add(errors, snakeCase(path.substring(path.lastIndexOf('.') + 1)), v.getMessage());
        });
        return respond(request, ErrorCode.VALIDATION_ERROR, INVALID, errors);
    }

    /**
     * A body that is not JSON, or JSON of the wrong shape, is malformed (400); where the faulty value is known, its
     * field is named. Text a request may not carry ({@link RequestText}) is invalid data in a field (422), like any
     * failed constraint.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                String field = fieldPath(json.getPath());
                if (json instanceof RequestStrings.RefusedText) {
                    return respond(
                            request,
                            ErrorCode.VALIDATION_ERROR,
                            INVALID,
                            Map.of(field, List.of(json.getOriginalMessage())));
                }
                if (json instanceof MismatchedInputException && !field.isEmpty()) {
                    return respond(
                            request,
                            ErrorCode.MALFORMED_REQUEST,
                            "Invalid value for field: " + field,
                            Map.of(field, List.of("has the wrong type or shape")));
                }
                break;
            }
        }
        return respond(
                request, ErrorCode.MALFORMED_REQUEST, "The request body is missing or is not valid JSON", Map.of());
    }

    /** A query parameter with text a request may not carry ({@link RequestParameters}): invalid data in it (422). */
    @ExceptionHandler(RequestParameters.RefusedParameter.class)
    ResponseEntity<ApiError> refusedParameter(RequestParameters.RefusedParameter ex, HttpServletRequest request) {
        return respond(request, ErrorCode.VALIDATION_ERROR, INVALID, Map.of(ex.name(), List.of(ex.refusal())));
    }

    /** {@code a.b[2].c} for the JSON path of a value, as the client named it. */
    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference step : path) {
            if (step.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestHeaderException.class})
    ResponseEntity<ApiError> missing(Exception ex, HttpServletRequest request) {
        String name = ex instanceof MissingServletRequestParameterException p
                ? p.getParameterName()
                : ((MissingRequestHeaderException) ex).getHeaderName();
        return respond(request, ErrorCode.MALFORMED_REQUEST, "Missing required parameter: " + name, Map.of());
    }

    /** Tomcat decodes query parameters lazily and refuses bytes that are not valid UTF-8 on the first read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> undecodable(InvalidParameterException ex, HttpServletRequest request) {
        return respond(request, ErrorCode.MALFORMED_REQUEST, "The request's parameters cannot be decoded", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
        // A malformed id in the path names nothing that exists.
        if (ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            return respond(request, ErrorCode.NOT_FOUND, "Resource not found", Map.of());
        }
        return respond(
                request,
                ErrorCode.MALFORMED_REQUEST,
                "Invalid value for parameter: " + snakeCase(ex.getName()),
                Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
        return respond(request, ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
        return respond(request, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletRequest request) {
        return respond(request, ErrorCode.NOT_ACCEPTABLE, "Not acceptable", Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException ex, HttpServletRequest request) {
        return respond(request, ErrorCode.NOT_FOUND, "Resource not found", Map.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
        return respond(request, ErrorCode.PAYLOAD_TOO_LARGE, "The request is too large", Map.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException ex, HttpServletRequest request) {
        return respond(request, ErrorCode.FORBIDDEN, "You do not have permission to perform this action", Map.of());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationException ex, HttpServletRequest request) {
        return respond(request, ErrorCode.UNAUTHENTICATED, "Authentication required", Map.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> integrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        log.info("Data integrity violation answered 409", ex);
        return respond(request, ErrorCode.CONFLICT, "The request conflicts with existing data", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception ex, HttpServletRequest request) {
        // Spring's own exceptions that carry a client-error status keep it; everything else is an internal error.
        if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            ErrorCode code = ErrorCode.forStatus(response.getStatusCode().value());
            return respond(request, code, code == ErrorCode.NOT_FOUND ? "Resource not found" : "Bad request", Map.of());
        }
        log.error("Unexpected error", ex);
        return respond(request, ErrorCode.INTERNAL_ERROR, "Internal server error", Map.of());
    }

    private static ResponseEntity<ApiError> respond(
            HttpServletRequest request, ErrorCode code, String message, Map<String, List<String>> errors) {
        request.setAttribute(ERROR_CODE_ATTRIBUTE, code.name());
        return ResponseEntity.status(code.status()).body(ApiError.of(code, message, errors));
    }

    private static void add(Map<String, List<String>> errors, String field, @Nullable String message) {
        errors.merge(field, List.of(message == null ? "is invalid" : message), (a, b) -> {
            var merged = new java.util.ArrayList<>(a);
            merged.addAll(b);
            return List.copyOf(merged);
        });
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
