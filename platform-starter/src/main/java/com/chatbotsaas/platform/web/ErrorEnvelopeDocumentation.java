package com.chatbotsaas.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Documents the error envelope on every operation of a service's OpenAPI document, as {@code 4XX} and {@code 5XX}
 * responses: every refusal is answered with it by {@link ApiExceptionHandler}, and clients generated from the document
 * should know its shape without each controller declaring it.
 */
public class ErrorEnvelopeDocumentation implements OpenApiCustomizer {

    static final String SCHEMA = "ApiError";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, schema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(ErrorEnvelopeDocumentation::add));
    }

    private static void add(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().putIfAbsent("4XX", response("The request was refused: the error envelope"));
        operation.getResponses().putIfAbsent("5XX", response("The request failed: the error envelope, no internals"));
    }

    private static ApiResponse response(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref(REF))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> schema() {
        Schema<?> errors = new MapSchema()
                .additionalProperties(new ArraySchema().items(new StringSchema()))
                .description("Messages by field, for VALIDATION_ERROR");
        return new ObjectSchema()
                .description("The error envelope of every refusal and failure")
                .addProperty("success", new BooleanSchema()._enum(List.of(false)))
                .addProperty("message", new StringSchema())
                .addProperty(
                        "error_code",
                        new StringSchema()
                                ._enum(Arrays.stream(ErrorCode.values())
                                        .map(Enum::name)
                                        .toList()))
                .addProperty("errors", errors)
                .addProperty("timestamp", new StringSchema().format("date-time"))
                .addProperty("request_id", new StringSchema())
                .required(List.of("success", "message", "error_code", "timestamp"));
    }
}
