package com.chatbotsaas.platform.test.contract;

import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks events against the shared contract in {@code contracts/events}, and reads its examples. */
public final class EventContracts {

    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private EventContracts() {}

    /**
     * The violations of an event (its JSON text) against the envelope schema and, when one exists, the schema of its
     * action's data. Empty when the event honours the contract.
     */
    public static List<String> violations(String eventJson) {
        try {
            var event = JACKSON2.readTree(eventJson);
            List<String> problems = new ArrayList<>();
            collect(
                    problems,
                    "envelope",
                    schema(dir().resolve("cloudevent.schema.json")).validate(event));
            String type = event.path("type").asText();
            String action = type.startsWith("com.chatbotsaas.") ? type.substring("com.chatbotsaas.".length()) : type;
            Path dataSchema = dir().resolve("data/" + action + ".schema.json");
            if (Files.exists(dataSchema)) {
                collect(problems, action, schema(dataSchema).validate(event.path("data")));
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON text of an example event, e.g. {@code example("org.create.success")}. */
    public static String example(String name) {
        try {
            return Files.readString(dir().resolve("examples/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema(Path file) throws IOException {
        return FACTORY.getSchema(Files.readString(file), CONFIG);
    }

    private static void collect(List<String> problems, String where, Set<ValidationMessage> messages) {
        messages.forEach(m -> problems.add(where + ": " + m.getMessage()));
    }

    private static Path dir() {
        return ProjectPaths.root().resolve("contracts/events");
    }
}
