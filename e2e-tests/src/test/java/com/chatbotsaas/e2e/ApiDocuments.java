package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAPI documents of every service as the gateway serves them at {@code /api/docs/<service>/openapi.json},
 * parsed with every {@code $ref} resolved, and flattened into the operations they describe.
 */
final class ApiDocuments {

    static final List<String> SERVICES =
            List.of("auth-service", "user-org-service", "chatbot-service", "audit-service", "notification-service");

    /** One documented operation of one service. */
    record ApiOperation(
            String service,
            String method,
            String path,
            List<Parameter> pathParameters,
            List<Parameter> queryParameters,
            @Nullable Schema<?> body,
            @Nullable String bodyMediaType,
            boolean streams,
            Operation operation) {

        String name() {
            return method + " " + path;
        }
    }

    private final Map<String, OpenAPI> documents;

    private ApiDocuments(Map<String, OpenAPI> documents) {
        this.documents = documents;
    }

    static ApiDocuments fetch(ApiClient gateway) {
        Map<String, OpenAPI> documents = new LinkedHashMap<>();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        for (String service : SERVICES) {
            ApiResult document = gateway.get("/api/docs/" + service + "/openapi.json");
            assertThat(document.status()).as(service + ": " + document).isEqualTo(200);
            SwaggerParseResult parsed = new OpenAPIParser().readContents(document.raw(), null, options);
            assertThat(parsed.getOpenAPI())
                    .as(service + ": " + parsed.getMessages())
                    .isNotNull();
            documents.put(service, parsed.getOpenAPI());
        }
        return new ApiDocuments(documents);
    }

    List<ApiOperation> operations() {
        List<ApiOperation> operations = new ArrayList<>();
        documents.forEach((service, document) -> {
            if (document.getPaths() == null) {
                return;
            }
            document.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        List<Parameter> parameters = new ArrayList<>();
                        if (item.getParameters() != null) {
                            parameters.addAll(item.getParameters());
                        }
                        if (operation.getParameters() != null) {
                            parameters.addAll(operation.getParameters());
                        }
                        Schema<?> body = null;
                        String bodyMediaType = null;
                        if (operation.getRequestBody() != null
                                && operation.getRequestBody().getContent() != null
                                && !operation.getRequestBody().getContent().isEmpty()) {
                            Map.Entry<String, MediaType> content = operation
                                    .getRequestBody()
                                    .getContent()
                                    .entrySet()
                                    .iterator()
                                    .next();
                            bodyMediaType = content.getKey();
                            body = content.getValue().getSchema();
                        }
                        operations.add(new ApiOperation(
                                service,
                                method.name(),
                                path,
                                parameters.stream()
                                        .filter(p -> "path".equals(p.getIn()))
                                        .toList(),
                                parameters.stream()
                                        .filter(p -> "query".equals(p.getIn()))
                                        .toList(),
                                body,
                                bodyMediaType,
                                streams(operation),
                                operation));
                    }));
        });
        return operations;
    }

    /** An operation whose success is an open event stream: only requests refused before it opens are sent. */
    private static boolean streams(Operation operation) {
        return operation.getResponses() != null
                && operation.getResponses().values().stream()
                        .anyMatch(r -> r.getContent() != null
                                && r.getContent().keySet().stream()
                                        .anyMatch(type ->
                                                type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")));
    }
}
