package com.chatbotsaas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

class ErrorEnvelopeDocumentationTest {

    @Test
    void everyOperationNamesTheErrorEnvelopeForClientAndServerErrors() {
        Operation list = new Operation()
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("ok")));
        Operation create = new Operation();
        OpenAPI document = new OpenAPI()
                .paths(new Paths()
                        .addPathItem("/api/v1/things", new PathItem().get(list).post(create)));

        new ErrorEnvelopeDocumentation().customise(document);

        for (Operation operation : new Operation[] {list, create}) {
            assertThat(operation.getResponses()).containsKeys("4XX", "5XX");
            assertThat(operation
                            .getResponses()
                            .get("4XX")
                            .getContent()
                            .get("application/json")
                            .getSchema()
                            .get$ref())
                    .isEqualTo("#/components/schemas/ApiError");
        }
        assertThat(list.getResponses()).containsKey("200");
        Schema<?> envelope = document.getComponents().getSchemas().get("ApiError");
        assertThat(envelope.getProperties())
                .containsKeys("success", "message", "error_code", "errors", "timestamp", "request_id");
        assertThat(envelope.getProperties().get("error_code").getEnum()).contains("VALIDATION_ERROR", "NOT_FOUND");
    }

    @Test
    void anErrorResponseAControllerDocumentsItselfIsKept() {
        ApiResponse own = new ApiResponse().description("Conflict of this operation");
        Operation operation = new Operation().responses(new ApiResponses().addApiResponse("4XX", own));
        OpenAPI document = new OpenAPI().paths(new Paths().addPathItem("/api/v1/x", new PathItem().put(operation)));

        new ErrorEnvelopeDocumentation().customise(document);

        assertThat(operation.getResponses().get("4XX")).isSameAs(own);
    }
}
