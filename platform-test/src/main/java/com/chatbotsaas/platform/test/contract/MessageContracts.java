package com.chatbotsaas.platform.test.contract;

import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks messages that travel outside the platform events exchange (e.g. on the notifications exchange) against their
 * schemas in {@code contracts/messages}, and reads their examples.
 */
public final class MessageContracts {

    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private MessageContracts() {}

    /** The violations of a message (its JSON text) against {@code contracts/messages/<name>.schema.json}. */
    public static List<String> violations(String name, String messageJson) {
        try {
            return FACTORY
                    .getSchema(Files.readString(dir().resolve(name + ".schema.json")), CONFIG)
                    .validate(JACKSON2.readTree(messageJson))
                    .stream()
                    .map(m -> name + ": " + m.getMessage())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON text of {@code contracts/messages/examples/<name>.json}. */
    public static String example(String name) {
        try {
            return Files.readString(dir().resolve("examples/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir() {
        return ProjectPaths.root().resolve("contracts/messages");
    }
}
