package com.chatbotsaas.auth.keycloak;

import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak's 400 answers to account changes, as the 422 of the API: the password policy names {@code password},
 * the user profile's checks name the field as the client sent it. Keycloak's wording stays out of the response
 * except for the policy rule broken, which the user needs to choose another password.
 */
final class KeycloakErrors {

    private static final Logger log = LoggerFactory.getLogger(KeycloakErrors.class);
    private static final String PASSWORD_PREFIX = "Invalid password: ";

    private KeycloakErrors() {}

    static ApiException rejected(Response response, JsonMapper jsonMapper) {
        JsonNode body = body(response, jsonMapper);
        String error = body.path("error").asString("");
        if (error.startsWith("invalidPassword")) {
            String rule = body.path("error_description").asString("").replace(PASSWORD_PREFIX, "");
            rule = rule.endsWith(".") ? rule.substring(0, rule.length() - 1) : rule;
            return invalid("password", rule.isBlank() ? "does not meet the password policy" : rule);
        }
        String field = switch (body.path("field").asString("")) {
            case "firstName", "lastName" -> "name";
            case "email", "username" -> "email";
            default -> null;
        };
        if (field != null) {
            String message = switch (body.path("errorMessage").asString("")) {
                case "error-person-name-invalid-character" -> "contains characters that are not allowed";
                case "error-invalid-email" -> "must be a well-formed email address";
                case "error-invalid-length" -> "is too long";
                default -> "is invalid";
            };
            return invalid(field, message);
        }
        log.warn(
                "Keycloak rejected an account change: {}",
                body.path("errorMessage").asString(error));
        return new ApiException(ErrorCode.VALIDATION_ERROR, "The given data was invalid");
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(
                ErrorCode.VALIDATION_ERROR, "The given data was invalid", Map.of(field, List.of(message)), null);
    }

    private static JsonNode body(Response response, JsonMapper jsonMapper) {
        try {
            String text = response.readEntity(String.class);
            return text == null || text.isBlank() ? jsonMapper.missingNode() : jsonMapper.readTree(text);
        } catch (RuntimeException e) {
            return jsonMapper.missingNode();
        }
    }
}
