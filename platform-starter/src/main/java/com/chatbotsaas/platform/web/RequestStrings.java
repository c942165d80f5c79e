package com.chatbotsaas.platform.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How strings are read from request bodies: only a JSON string is a string (a number or a boolean sent for a text
 * field is refused, not turned into its text), and its text must pass {@link RequestText#refusal}. Used by the
 * services' HTTP message converter only: events and answers of other services are read as they are.
 */
final class RequestStrings extends StdScalarDeserializer<String> {

    private RequestStrings() {
        super(String.class);
    }

    /** The module that reads every {@code String} of a request body this way. */
    static SimpleModule module() {
        return new SimpleModule("platform-request-strings").addDeserializer(String.class, new RequestStrings());
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
        String text = parser.getString();
        String refusal = RequestText.refusal(text);
        if (refusal != null) {
            throw new RefusedText(parser, refusal);
        }
        return text;
    }

    /** A string whose text a request may not carry; answered 422 with the field it was found in. */
    static final class RefusedText extends MismatchedInputException {

        RefusedText(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }
}
