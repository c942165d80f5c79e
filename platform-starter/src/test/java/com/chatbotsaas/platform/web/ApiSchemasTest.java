package com.chatbotsaas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApiSchemasTest {

    record CreateThingRequest(String externalUserId, String passwordConfirmation, JsonNode metadata) {}

    @Test
    void documentsPropertiesInSnakeCaseAsTheApiReadsThemAndJsonNodesAsAnyValue() {
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(ApiSchemas.resolver());

        Map<String, Schema> schemas = converters.readAll(CreateThingRequest.class);

        Schema<?> request = schemas.get("CreateThingRequest");
        assertThat(request.getProperties()).containsOnlyKeys("external_user_id", "password_confirmation", "metadata");
        assertThat(schemas).doesNotContainKey("JsonNode");
        assertThat(request.getProperties().get("metadata").getProperties()).isNull();
    }
}
