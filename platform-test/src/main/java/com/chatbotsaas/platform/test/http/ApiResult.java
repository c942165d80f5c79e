package com.chatbotsaas.platform.test.http;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A response as a client sees it: status, headers and the JSON body (missing when the body is not JSON). */
public record ApiResult(int status, Map<String, List<String>> headers, JsonNode body, String raw) {

    public @Nullable String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .orElse(null);
    }

    /** The envelope's {@code data}. */
    public JsonNode data() {
        return body.path("data");
    }

    @Override
    public String toString() {
        return status + " " + raw;
    }
}
