package com.chatbotsaas.e2e;

import com.chatbotsaas.e2e.ApiDocuments.ApiOperation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile variations of one documented operation: for its body (missing, extra, wrongly typed, null, empty, huge,
 * deeply nested fields, invalid UTF-8, control and bidi characters, numbers out of range, unknown enum values,
 * the wrong content type), its path (invalid ids, traversal) and its query (negative pages, huge page sizes,
 * repeated and malformed parameters). Values come from jqwik's arbitraries drawn with one seeded {@link Random}, so
 * a run is repeatable.
 */
final class HostileRequests {

    /** What a request tries. */
    enum Kind {
        MISSING_FIELDS,
        EXTRA_FIELD,
        WRONG_TYPE,
        NULLS,
        EMPTY_STRINGS,
        HUGE_STRING,
        OVER_BODY_LIMIT,
        DEEP_NESTING,
        MALFORMED_JSON,
        INVALID_UTF8,
        CONTROL_AND_BIDI,
        NUMBER_OUT_OF_RANGE,
        UNKNOWN_ENUM,
        WRONG_CONTENT_TYPE,
        INVALID_ID_IN_PATH,
        PATH_TRAVERSAL,
        NEGATIVE_PAGE,
        HUGE_PER_PAGE,
        REPEATED_QUERY,
        MALFORMED_QUERY
    }

    /** One request as sent: the target is raw (already encoded, or deliberately not). */
    record HostileRequest(
            ApiOperation operation,
            Kind kind,
            String target,
            @Nullable String contentType,
            byte @Nullable [] body) {

        @Override
        public String toString() {
            return kind + " " + operation.method() + " " + shorten(target, 160) + " ("
                    + (body == null
                            ? "no body"
                            : body.length + " bytes " + contentType + ": "
                                    + shorten(new String(body, StandardCharsets.UTF_8), 160))
                    + ")";
        }
    }

    /** Bytes the UTF-8 decoder must refuse: a truncated sequence, bytes never valid, an encoded surrogate. */
    private static final byte[] INVALID_UTF8 = {
        (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80
    };

    private static final String BAD_UTF8_MARK = "@@invalid-utf8@@";
    private static final String RAW_MARK = "@@raw-json@@";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Arbitrary<String> CONTROL_AND_BIDI = Arbitraries.strings()
            .withCharRange('\u0000', '\u001f')
            .withChars('\u007f', '\u0085', '\u200b', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202b')
            .withChars('\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff', '\uffff')
            .ofMinLength(1)
            .ofMaxLength(24);
    private static final Arbitrary<String> FIELD_NAMES =
            Arbitraries.strings().alpha().ofMinLength(3).ofMaxLength(12).map(s -> "unexpected_" + s);
    private static final Arbitrary<String> WORDS =
            Arbitraries.strings().alpha().numeric().ofMinLength(4).ofMaxLength(16);
    private static final Arbitrary<String> BAD_IDS = Arbitraries.of(
            "not-a-uuid",
            "00000000-0000-0000-0000-00000000000g",
            "-1",
            "99999999999999999999",
            "%00",
            "%FF%FE",
            "%E2%80%AE",
            "%27%20OR%201%3D1--",
            "%20",
            "null",
            UUID.randomUUID() + "%0A");
    private static final Arbitrary<String> TRAVERSALS = Arbitraries.of(
            "..",
            "..%2F..%2Finternal",
            "%2e%2e%2f%2e%2e%2factuator",
            "..;",
            "..%5C..%5C",
            "%252e%252e%252f",
            "../../../internal/x");
    private static final Arbitrary<Object> WRONG_TYPED =
            Arbitraries.of(12345, -1, true, List.of("x"), Map.of("nested", "x"), 3.5, "text");

    private final Random random;
    private final int bodyLimit;
    private final Function<String, String> pathValues;

    /**
     * @param pathValues gives the base value of a path parameter from the segment before it and its name (for
     *     {@code /chatbots/{bot}}: {@code chatbots/bot}); real ids where the suite created them, random UUIDs elsewhere
     */
    HostileRequests(long seed, int bodyLimit, Function<String, String> pathValues) {
        this.random = new Random(seed);
        this.bodyLimit = bodyLimit;
        this.pathValues = pathValues;
    }

    List<HostileRequest> forOperation(ApiOperation operation) {
        List<HostileRequest> requests = new ArrayList<>();
        boolean streams = operation.streams() || operation.path().endsWith("/stream");
        pathRequests(operation, requests);
        if (streams) {
            // A valid stream stays open: only what is refused before it opens.
            return requests;
        }
        queryRequests(operation, requests);
        if (operation.body() != null && isJson(operation.bodyMediaType())) {
            bodyRequests(operation, requests);
        }
        return requests;
    }

    // ---- path -------------------------------------------------------------------------------------------------

    private void pathRequests(ApiOperation operation, List<HostileRequest> requests) {
        List<String> names = pathParameterNames(operation.path());
        for (String name : names) {
            requests.add(request(operation, Kind.INVALID_ID_IN_PATH, path(operation, Map.of(name, draw(BAD_IDS))), ""));
            requests.add(request(operation, Kind.INVALID_ID_IN_PATH, path(operation, Map.of(name, "not-a-uuid")), ""));
        }
        if (!names.isEmpty()) {
            String last = names.getLast();
            requests.add(request(operation, Kind.PATH_TRAVERSAL, path(operation, Map.of(last, draw(TRAVERSALS))), ""));
            requests.add(
                    request(operation, Kind.PATH_TRAVERSAL, path(operation, Map.of(last, "..%2F..%2F..%2Fadmin")), ""));
        }
    }

    // ---- query ------------------------------------------------------------------------------------------------

    private void queryRequests(ApiOperation operation, List<HostileRequest> requests) {
        String path = path(operation, Map.of());
        String base = baseQuery(operation);
        List<String> names =
                operation.queryParameters().stream().map(Parameter::getName).toList();
        if (names.contains("page") || names.contains("per_page") || names.contains("cursor")) {
            requests.add(request(operation, Kind.NEGATIVE_PAGE, path, join(base, "page=-1&per_page=-5")));
            requests.add(request(operation, Kind.NEGATIVE_PAGE, path, join(base, "page=0&per_page=0&cursor=-1")));
            requests.add(request(operation, Kind.HUGE_PER_PAGE, path, join(base, "page=1&per_page=1000000000")));
            requests.add(request(
                    operation,
                    Kind.HUGE_PER_PAGE,
                    path,
                    join(base, "page=1e400&per_page=99999999999999999999999&cursor=" + "A".repeat(4000))));
        }
        for (Parameter parameter : operation.queryParameters()) {
            Schema<?> schema = parameter.getSchema() == null ? new Schema<>() : parameter.getSchema();
            String name = encode(parameter.getName());
            if (schema.getEnum() != null && !schema.getEnum().isEmpty()
                    || schema.getItems() != null && schema.getItems().getEnum() != null) {
                requests.add(request(operation, Kind.UNKNOWN_ENUM, path, join(base, name + "=bogus_" + draw(WORDS))));
            }
            requests.add(request(
                    operation,
                    Kind.REPEATED_QUERY,
                    path,
                    join(
                            base,
                            name + "=" + encode(sample(schema, parameter.getName(), 0)) + "&" + name + "="
                                    + encode(draw(WORDS)) + "&" + name + "=")));
            requests.add(request(
                    operation,
                    Kind.MALFORMED_QUERY,
                    path,
                    join(
                            base,
                            name + "=" + draw(Arbitraries.of("%zz", "%", "%C3%28", "%00%0A", "1e400", "%E2%80%AE"))
                                    + "&" + name + "=" + encode(draw(CONTROL_AND_BIDI)))));
        }
        if ("GET".equals(operation.method())) {
            requests.add(request(operation, Kind.MALFORMED_QUERY, path, join(base, "%zz=%&&==&a=%C3%28&=x&%")));
        }
    }

    private String baseQuery(ApiOperation operation) {
        List<String> parts = new ArrayList<>();
        for (Parameter parameter : operation.queryParameters()) {
            if (Boolean.TRUE.equals(parameter.getRequired())) {
                Schema<?> schema = parameter.getSchema() == null ? new Schema<>() : parameter.getSchema();
                parts.add(encode(parameter.getName()) + "=" + encode(sample(schema, parameter.getName(), 0)));
            }
        }
        return String.join("&", parts);
    }

    // ---- body -------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void bodyRequests(ApiOperation operation, List<HostileRequest> requests) {
        String path = path(operation, Map.of());
        String query = baseQuery(operation);
        Schema<?> schema = concrete(operation.body());
        Object sampled = sample(schema, "body", 0);
        Map<String, Object> base =
                sampled instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>(Map.of());
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();

        requests.add(json(operation, Kind.MISSING_FIELDS, path, query, "{}"));
        if (!required.isEmpty()) {
            Map<String, Object> missing = new LinkedHashMap<>(base);
            missing.remove(required.get(random.nextInt(required.size())));
            requests.add(json(operation, Kind.MISSING_FIELDS, path, query, write(missing)));
        }
        requests.add(json(operation, Kind.MISSING_FIELDS, path, query, ""));

        Map<String, Object> extra = new LinkedHashMap<>(base);
        extra.put(draw(FIELD_NAMES), draw(WORDS));
        extra.put("id", UUID.randomUUID().toString());
        extra.put("organization_id", UUID.randomUUID().toString());
        requests.add(json(operation, Kind.EXTRA_FIELD, path, query, write(extra)));

        Map<String, Object> wrong = new LinkedHashMap<>();
        base.keySet().forEach(key -> wrong.put(key, wrongType(properties.get(key))));
        requests.add(json(operation, Kind.WRONG_TYPE, path, query, write(wrong)));
        requests.add(json(operation, Kind.WRONG_TYPE, path, query, "[" + write(base) + "]"));
        requests.add(json(operation, Kind.WRONG_TYPE, path, query, "\"" + draw(WORDS) + "\""));

        Map<String, Object> nulls = new LinkedHashMap<>();
        base.keySet().forEach(key -> nulls.put(key, null));
        requests.add(json(operation, Kind.NULLS, path, query, write(nulls)));
        requests.add(json(operation, Kind.NULLS, path, query, "null"));

        requests.add(json(operation, Kind.EMPTY_STRINGS, path, query, write(replaceStrings(base, s -> ""))));

        String stringField = anyStringField(base);
        int room = bodyLimit - write(base).length() - 4096;
        Map<String, Object> huge = new LinkedHashMap<>(base);
        huge.put(stringField, "h".repeat(room));
        requests.add(json(operation, Kind.HUGE_STRING, path, query, write(huge)));
        Map<String, Object> hugeUnicode = new LinkedHashMap<>(base);
        hugeUnicode.put(stringField, "\u00e9\u4e2d".repeat(room / 6));
        requests.add(json(operation, Kind.HUGE_STRING, path, query, write(hugeUnicode)));
        Map<String, Object> over = new LinkedHashMap<>(base);
        over.put(stringField, "o".repeat(bodyLimit + 1024));
        requests.add(json(operation, Kind.OVER_BODY_LIMIT, path, query, write(over)));

        int depth = 2000 + random.nextInt(8000);
        Map<String, Object> deepArray = new LinkedHashMap<>(base);
        deepArray.put(stringField, RAW_MARK);
        requests.add(json(
                operation,
                Kind.DEEP_NESTING,
                path,
                query,
                write(deepArray).replace("\"" + RAW_MARK + "\"", "[".repeat(depth) + "]".repeat(depth))));
        requests.add(
                json(operation, Kind.DEEP_NESTING, path, query, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));

        String text = write(base);
        requests.add(json(operation, Kind.MALFORMED_JSON, path, query, text.substring(0, text.length() / 2)));
        requests.add(json(operation, Kind.MALFORMED_JSON, path, query, text + ",{"));

        requests.add(new HostileRequest(
                operation,
                Kind.INVALID_UTF8,
                target(path, query),
                "application/json",
                withInvalidUtf8(write(replaceStrings(base, s -> s + BAD_UTF8_MARK)))));
        requests.add(new HostileRequest(
                operation,
                Kind.INVALID_UTF8,
                target(path, query),
                "application/json; charset=UTF-8",
                withInvalidUtf8(BAD_UTF8_MARK + write(base))));

        requests.add(json(
                operation,
                Kind.CONTROL_AND_BIDI,
                path,
                query,
                write(replaceStrings(base, s -> s + draw(CONTROL_AND_BIDI)))));
        requests.add(json(
                operation,
                Kind.CONTROL_AND_BIDI,
                path,
                query,
                write(replaceStrings(base, s -> draw(CONTROL_AND_BIDI)))));

        Map<String, Object> outOfRange = new LinkedHashMap<>();
        base.forEach((key, value) -> outOfRange.put(key, value instanceof Number ? RAW_MARK : value));
        if (outOfRange.equals(base)) {
            outOfRange.put(stringField, RAW_MARK);
        }
        requests.add(json(
                operation,
                Kind.NUMBER_OUT_OF_RANGE,
                path,
                query,
                write(outOfRange).replace("\"" + RAW_MARK + "\"", "1e400")));
        requests.add(json(
                operation,
                Kind.NUMBER_OUT_OF_RANGE,
                path,
                query,
                write(outOfRange).replace("\"" + RAW_MARK + "\"", "-99999999999999999999999999999")));

        Map<String, Object> unknownEnum = replaceEnums(schema, base);
        if (!unknownEnum.equals(base)) {
            requests.add(json(operation, Kind.UNKNOWN_ENUM, path, query, write(unknownEnum)));
        }

        byte[] valid = write(base).getBytes(StandardCharsets.UTF_8);
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/json; charset=ebcdic-nonsense",
                "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded",
                "garbage")) {
            requests.add(new HostileRequest(operation, Kind.WRONG_CONTENT_TYPE, target(path, query), type, valid));
        }
    }

    // ---- values -----------------------------------------------------------------------------------------------

    /** A plausible value for a schema, so that one field at a time can be made hostile. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    @Nullable
    Object sample(@Nullable Schema<?> raw, String name, int depth) {
        Schema<?> schema = concrete(raw);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().getFirst();
        }
        String type = type(schema);
        if (depth > 6) {
            return null;
        }
        switch (type) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (schema.getProperties() != null) {
                    ((Map<String, Schema>) (Map) schema.getProperties()).forEach((key, value) -> {
                        if (!Boolean.TRUE.equals(value.getReadOnly())) {
                            object.put(key, sample(value, key, depth + 1));
                        }
                    });
                }
                return object;
            }
            case "array" -> {
                List<Object> list = new ArrayList<>();
                list.add(sample(schema.getItems(), name, depth + 1));
                return list;
            }
            case "integer" -> {
                return schema.getMinimum() == null ? 1 : schema.getMinimum().longValue();
            }
            case "number" -> {
                return schema.getMinimum() == null ? 0.5 : schema.getMinimum();
            }
            case "boolean" -> {
                return true;
            }
            default -> {
                return string(schema, name);
            }
        }
    }

    private String string(Schema<?> schema, String name) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String value;
        if ("uuid".equals(format) || lower.endsWith("_id") && !lower.contains("external")) {
            value = UUID.randomUUID().toString();
        } else if ("email".equals(format) || lower.contains("email")) {
            value = People.email("hostile");
        } else if ("date-time".equals(format)) {
            value = "2026-01-01T00:00:00Z";
        } else if ("uri".equals(format) || "url".equals(format) || lower.contains("url")) {
            value = "http://127.0.0.1:9/hook";
        } else if (lower.contains("password")) {
            value = People.PASSWORD;
        } else {
            value = "hostile " + draw(WORDS);
        }
        int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
        if (value.length() < min) {
            value = value + "x".repeat(min - value.length());
        }
        if (schema.getMaxLength() != null && value.length() > schema.getMaxLength()) {
            value = value.substring(0, schema.getMaxLength());
        }
        return value;
    }

    private Object wrongType(@Nullable Schema<?> schema) {
        String type = schema == null ? "string" : type(concrete(schema));
        return switch (type) {
            case "string" -> draw(Arbitraries.of(12345, true, List.of("x"), Map.of("nested", "x")));
            case "integer", "number" -> draw(Arbitraries.of("twelve", true, List.of(1), Map.of("n", 1), 1.5));
            case "boolean" -> draw(Arbitraries.of("yes", 1, List.of(true)));
            case "array" -> draw(Arbitraries.of("x", 1, Map.of("item", "x")));
            case "object" -> draw(Arbitraries.of("x", 1, List.of(Map.of())));
            default -> draw(WRONG_TYPED);
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> replaceEnums(Schema<?> schema, Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        if (schema.getProperties() == null) {
            return copy;
        }
        schema.getProperties().forEach((key, raw) -> {
            Schema<?> property = concrete(raw);
            if (property.getEnum() != null && !property.getEnum().isEmpty()) {
                copy.put(key, "bogus_" + draw(WORDS));
            } else if (property.getItems() != null
                    && concrete(property.getItems()).getEnum() != null) {
                copy.put(key, List.of("bogus_" + draw(WORDS)));
            } else if (copy.get(key) instanceof Map<?, ?> nested && property.getProperties() != null) {
                copy.put(key, replaceEnums(property, (Map<String, Object>) nested));
            }
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replaceStrings(Map<String, Object> values, Function<String, String> change) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, replaceValue(value, change)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object replaceValue(@Nullable Object value, Function<String, String> change) {
        if (value instanceof String s) {
            return change.apply(s);
        }
        if (value instanceof Map<?, ?> map) {
            return replaceStrings((Map<String, Object>) map, change);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> replaceValue(v, change)).toList();
        }
        return value;
    }

    private String anyStringField(Map<String, Object> base) {
        List<String> strings = base.entrySet().stream()
                .filter(e -> e.getValue() instanceof String)
                .map(Map.Entry::getKey)
                .toList();
        return strings.isEmpty() ? draw(FIELD_NAMES) : strings.get(random.nextInt(strings.size()));
    }

    /** The first alternative of a composed schema, or all parts of an {@code allOf} merged. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Schema<?> concrete(@Nullable Schema<?> schema) {
        if (schema == null) {
            return new Schema<>().type("string");
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            return concrete(schema.getOneOf().getFirst());
        }
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            Schema<?> first = schema.getAnyOf().stream()
                    .filter(s -> !"null".equals(type(s)))
                    .findFirst()
                    .orElse(schema.getAnyOf().getFirst());
            return concrete(first);
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            Schema merged = new Schema<>().type("object");
            Map<String, Schema> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (Schema<?> part : schema.getAllOf()) {
                Schema<?> concrete = concrete(part);
                if (concrete.getProperties() != null) {
                    properties.putAll(concrete.getProperties());
                }
                if (concrete.getRequired() != null) {
                    required.addAll(concrete.getRequired());
                }
            }
            if (schema.getProperties() != null) {
                properties.putAll(schema.getProperties());
            }
            merged.setProperties(properties);
            merged.setRequired(required);
            return merged;
        }
        return schema;
    }

    static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            for (Object type : schema.getTypes()) {
                if (!"null".equals(type)) {
                    return type.toString();
                }
            }
        }
        if (schema.getProperties() != null) {
            return "object";
        }
        if (schema.getItems() != null) {
            return "array";
        }
        return "string";
    }

    // ---- building ---------------------------------------------------------------------------------------------

    private String path(ApiOperation operation, Map<String, String> overrides) {
        String[] segments = operation.path().split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            path.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                path.append(
                        overrides.containsKey(name)
                                ? overrides.get(name)
                                : pathValues.apply(segments[i - 1] + "/" + name));
            } else {
                path.append(segment);
            }
        }
        return path.toString();
    }

    static List<String> pathParameterNames(String template) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private HostileRequest request(ApiOperation operation, Kind kind, String path, String query) {
        boolean hasBody = operation.body() != null && isJson(operation.bodyMediaType());
        byte[] body = hasBody ? write(sample(operation.body(), "body", 0)).getBytes(StandardCharsets.UTF_8) : null;
        return new HostileRequest(operation, kind, target(path, query), hasBody ? "application/json" : null, body);
    }

    private static HostileRequest json(ApiOperation operation, Kind kind, String path, String query, String body) {
        return new HostileRequest(
                operation, kind, target(path, query), "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String target(String path, String query) {
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static String join(String base, String more) {
        return base.isEmpty() ? more : base + "&" + more;
    }

    private static byte[] withInvalidUtf8(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] mark = BAD_UTF8_MARK.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (i <= bytes.length - mark.length
                    && java.util.Arrays.equals(bytes, i, i + mark.length, mark, 0, mark.length)) {
                out.writeBytes(INVALID_UTF8);
                i += mark.length - 1;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean isJson(@Nullable String mediaType) {
        return mediaType != null && (mediaType.contains("json") || mediaType.equals("*/*"));
    }

    private static String write(@Nullable Object value) {
        return JSON.writeValueAsString(value);
    }

    private static String encode(@Nullable Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    private <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generator(1000).next(random).value();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + ")";
    }
}
