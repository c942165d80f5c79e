package com.chatbotsaas.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;

/**
 * How the OpenAPI documents describe the API's JSON. swagger-core resolves models with its own Jackson mapper, which
 * knows nothing of {@code spring.jackson.property-naming-strategy}: properties are named in snake_case here, as the API
 * sends and reads them. A free-form {@code JsonNode} field (event data, metadata) is any JSON value, not a bean whose
 * getters ({@code bigDecimal}, {@code missingNode}, …) would be documented as its properties.
 */
final class ApiSchemas extends ModelResolver {

    private ApiSchemas() {
        super(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        openapi31(true);
    }

    static ModelResolver resolver() {
        return new ApiSchemas();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType annotatedType, ModelConverterContext context, Iterator<ModelConverter> next) {
        Class<?> raw = _mapper.constructType(annotatedType.getType()).getRawClass();
        if (tools.jackson.databind.JsonNode.class.isAssignableFrom(raw)
                || com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(raw)) {
            return new Schema<>().description("Any JSON value");
        }
        return super.resolve(annotatedType, context, next);
    }
}
