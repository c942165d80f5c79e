package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.e2e.ApiDocuments.ApiOperation;
import com.chatbotsaas.e2e.HostileRequests.HostileRequest;
import com.chatbotsaas.e2e.HostileRequests.Kind;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation every service documents, sent hostile input through the gateway by the owner of a real
 * organization (see {@code docs/security.md}, "Hostile input"): no answer is a server error, every refusal is the
 * error envelope, and a refused request stores nothing. The documents themselves are checked to name every route
 * the controllers serve and the error envelope of every operation.
 */
class HostileInputIT {

    /** The gateway's default request size limit ({@code GATEWAY_MAX_REQUEST_SIZE}). */
    private static final int BODY_LIMIT = 1024 * 1024;

    private static final long SEED = 20261205L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> JSON_NODE_GETTERS =
            Set.of("big_decimal", "floating_point_number", "missing_node", "value_node", "node_type", "embedded_value");

    private static ApiClient owner;
    private static String accessToken;
    private static String orgId;
    private static Map<String, String> ids;
    private static ApiDocuments documents;

    @BeforeAll
    static void anOrganizationWithOneOfEverything() {
        ApiClient gateway = ApiClient.at(Suite.get().gatewayUrl());
        String email = People.email("hostile");
        People.signUp(gateway, email);
        ApiResult login = gateway.post("/api/v1/auth/login", Map.of("email", email, "password", People.PASSWORD));
        accessToken = login.data().path("access_token").asString();
        owner = gateway.withToken(accessToken);
        orgId = created(owner.post("/api/v1/organizations", Map.of("name", "Hostile Co")))
                .path("id")
                .asString();
        String org = "/api/v1/organizations/" + orgId;
        JsonNode bot =
                created(owner.post(org + "/chatbots", Map.of("name", "Target", "engine", Map.of("type", "knowledge"))));
        String bots = org + "/chatbots/" + bot.path("id").asString();
        JsonNode knowledge = created(
                owner.post(bots + "/knowledge", Map.of("type", "faq", "question", "Open?", "answer", "Always.")));
        JsonNode conversation = created(owner.post(bots + "/conversations", Map.of()));
        JsonNode webhook = created(owner.post(
                org + "/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("chatbot.*"))));
        JsonNode first = owner.get("/api/v1/permissions").data().path(0);
        String permission =
                first.isString() ? first.asString() : first.path("name").asString("");
        JsonNode role = created(owner.post(
                org + "/roles",
                Map.of("name", "hostile-role", "permissions", permission.isEmpty() ? List.of() : List.of(permission))));
        ids = new LinkedHashMap<>();
        ids.put("organizations", orgId);
        ids.put("chatbots", bot.path("id").asString());
        ids.put("public_key", bot.path("public_key").asString());
        ids.put("knowledge", knowledge.path("id").asString());
        ids.put("conversations", conversation.path("id").asString());
        ids.put("webhooks", webhook.path("id").asString());
        ids.put("roles", role.path("id").asString());
        documents = ApiDocuments.fetch(gateway);
    }

    @Test
    void noOperationAnswersHostileInputWithAServerErrorOrStoresIt() throws Exception {
        HostileRequests generator = new HostileRequests(SEED, BODY_LIMIT, HostileInputIT::pathValue);
        List<ApiOperation> operations = new ArrayList<>(documents.operations());
        operations.sort(Comparator.comparingInt(HostileInputIT::phase)
                .thenComparing(o -> -o.path().length())
                .thenComparing(ApiOperation::name));
        Map<String, Long> before = counts();
        URI gateway = URI.create(Suite.get().gatewayUrl());
        RawHttp http = new RawHttp(gateway.getHost(), gateway.getPort(), 20_000);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json");

        Map<String, Integer> byClass = new TreeMap<>();
        Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        List<String> problems = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        Map<String, Integer> created = new TreeMap<>();
        long started = System.nanoTime();
        // Outside a jqwik property its arbitraries draw values within a session.
        JqwikSession.start();
        try {
            send(operations, generator, http, headers, byClass, byKind, problems, accepted, created, before);
        } finally {
            JqwikSession.finish();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        int tried = byKind.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "Hostile input: %d operations, %d requests in %d s; by status %s; by kind %s%n",
                operations.size(), tried, seconds, byClass, byKind);
        System.out.println("Hostile input accepted as valid (" + accepted.size() + "):");
        accepted.forEach(a -> System.out.println("  " + a));
        problems.forEach(p -> System.out.println("PROBLEM " + p));

        assertThat(problems)
                .as("server errors and refusals without the envelope")
                .isEmpty();
    }

    private static void send(
            List<ApiOperation> operations,
            HostileRequests generator,
            RawHttp http,
            Map<String, String> headers,
            Map<String, Integer> byClass,
            Map<Kind, Integer> byKind,
            List<String> problems,
            List<String> accepted,
            Map<String, Integer> created,
            Map<String, Long> before) {
        boolean counted = false;
        for (ApiOperation operation : operations) {
            if (!counted && phase(operation) > 0) {
                assertUnchanged(before, created);
                counted = true;
            }
            for (HostileRequest request : generator.forOperation(operation)) {
                byKind.merge(request.kind(), 1, Integer::sum);
                Map<String, String> sent = new LinkedHashMap<>(headers);
                if (request.contentType() != null) {
                    sent.put("Content-Type", request.contentType());
                }
                RawHttp.Response response;
                try {
                    response = http.send(operation.method(), request.target(), sent, request.body());
                } catch (IOException e) {
                    byClass.merge("no answer", 1, Integer::sum);
                    problems.add("no answer: " + request + ": " + e.getMessage());
                    continue;
                }
                int status = response.status();
                byClass.merge(status == 429 ? "429" : status / 100 + "xx", 1, Integer::sum);
                if (status >= 500) {
                    problems.add(status + " " + shorten(response.body()) + " for " + request);
                } else if (status >= 400 && !isEnvelope(response.body())) {
                    problems.add(
                            status + " without the error envelope: " + shorten(response.body()) + " for " + request);
                } else if (status < 400) {
                    accepted.add(status + " for " + request);
                    if ("POST".equals(operation.method()) && (status == 201 || status == 202)) {
                        created.merge(ControllerRoutes.normalize(operation.path()), 1, Integer::sum);
                    }
                    if (request.kind() == Kind.OVER_BODY_LIMIT) {
                        problems.add("a body over the limit was accepted: " + request);
                    }
                }
            }
        }
        if (!counted) {
            assertUnchanged(before, created);
        }
    }

    @Test
    void everyControllerRouteIsInItsServicesDocument() {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (String service : ApiDocuments.SERVICES) {
            Set<String> documented = documents.operations().stream()
                    .filter(o -> o.service().equals(service))
                    .map(o -> o.method() + " " + ControllerRoutes.normalize(o.path()))
                    .collect(Collectors.toSet());
            Set<String> documentedPaths = documented.stream()
                    .map(r -> r.substring(r.indexOf(' ') + 1))
                    .collect(Collectors.toSet());
            Set<String> absent = new TreeSet<>();
            Set<String> routes = ControllerRoutes.of(service);
            assertThat(routes).as(service + "'s controller routes").isNotEmpty();
            for (String route : routes) {
                String path = route.substring(route.indexOf(' ') + 1);
                boolean found = route.startsWith("ANY ") ? documentedPaths.contains(path) : documented.contains(route);
                if (!found) {
                    absent.add(route);
                }
            }
            if (!absent.isEmpty()) {
                missing.put(service, absent);
            }
        }
        assertThat(missing)
                .as("routes the controllers serve that the OpenAPI documents leave out")
                .isEmpty();
    }

    @Test
    void everyOperationDocumentsTheErrorEnvelope() {
        List<String> without = documents.operations().stream()
                .filter(o -> !documentsErrorEnvelope(o))
                .map(o -> o.service() + ": " + o.name())
                .toList();

        assertThat(without)
                .as("operations without an error response in the envelope's shape")
                .isEmpty();
    }

    @Test
    void everyDocumentedPropertyIsNamedAsTheApiSendsItAndJsonValuesAreNotBeans() {
        Set<String> camel = new TreeSet<>();
        for (ApiOperation operation : documents.operations()) {
            collectNames(operation.body(), operation.name() + " body", camel, 0);
            if (operation.operation().getResponses() != null) {
                operation.operation().getResponses().forEach((code, response) -> {
                    if (response.getContent() != null) {
                        response.getContent()
                                .values()
                                .forEach(content ->
                                        collectNames(content.getSchema(), operation.name() + " " + code, camel, 0));
                    }
                });
            }
        }

        assertThat(camel).as("documented properties not in snake_case").isEmpty();
    }

    private static void collectNames(Schema<?> raw, String where, Set<String> camel, int depth) {
        if (raw == null || depth > 8) {
            return;
        }
        Schema<?> schema = HostileRequests.concrete(raw);
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                // A Jackson node documented as a bean shows its getters as properties.
                if (!name.matches("[a-z0-9_]+") || JSON_NODE_GETTERS.contains(name)) {
                    camel.add(where + ": " + name);
                }
                collectNames(property, where, camel, depth + 1);
            });
        }
        collectNames(schema.getItems(), where, camel, depth + 1);
        if (schema.getOneOf() != null) {
            schema.getOneOf().forEach(s -> collectNames(s, where, camel, depth + 1));
        }
    }

    private static boolean documentsErrorEnvelope(ApiOperation operation) {
        if (operation.operation().getResponses() == null) {
            return false;
        }
        for (Map.Entry<String, ApiResponse> response :
                operation.operation().getResponses().entrySet()) {
            String code = response.getKey();
            if (!(code.startsWith("4") || code.startsWith("5") || "default".equals(code))
                    || response.getValue().getContent() == null) {
                continue;
            }
            for (MediaType content : response.getValue().getContent().values()) {
                Schema<?> schema = HostileRequests.concrete(content.getSchema());
                if (schema.getProperties() != null
                        && schema.getProperties().containsKey("success")
                        && schema.getProperties().containsKey("error_code")
                        && schema.getProperties().containsKey("request_id")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * 0: operations that leave the caller and the organization in place; 1: deletions and session changes, sent
     * after the stored counts are compared; 2: what could remove the organization or the caller, last.
     */
    private static int phase(ApiOperation operation) {
        String path = operation.path();
        boolean self = path.endsWith("/users/me")
                || path.contains("/logout")
                || path.contains("/password/")
                || path.contains("/sessions");
        if (path.matches("/api/v1/organizations/\\{[^}]+}") && "DELETE".equals(operation.method())
                || self && !"GET".equals(operation.method())) {
            return 2;
        }
        return "DELETE".equals(operation.method()) ? 1 : 0;
    }

    /** Real ids for what the suite created, a random UUID for anything else. */
    private static String pathValue(String segmentAndName) {
        String segment = segmentAndName.substring(0, segmentAndName.indexOf('/'));
        String name = segmentAndName.substring(segmentAndName.indexOf('/') + 1);
        if (name.contains("public") || name.contains("key")) {
            return ids.get("public_key");
        }
        return ids.getOrDefault(segment, UUID.randomUUID().toString());
    }

    /** The organization's stored things, each by its list's total (or length, where a list is not paged). */
    private static Map<String, Long> counts() {
        String org = "/api/v1/organizations/" + orgId;
        String bot = org + "/chatbots/" + ids.get("chatbots");
        Map<String, Long> counts = new TreeMap<>();
        for (String list : List.of(
                org + "/chatbots",
                org + "/webhooks",
                org + "/roles",
                org + "/members",
                org + "/invitations",
                org + "/api-clients",
                bot + "/knowledge",
                bot + "/conversations",
                "/api/v1/organizations")) {
            ApiResult result = owner.get(list + "?per_page=100");
            assertThat(result.status()).as(list + ": " + result).isEqualTo(200);
            JsonNode total = result.body().path("meta").path("pagination").path("total");
            counts.put(
                    ControllerRoutes.normalize(list.replace(orgId, "{}").replace(ids.get("chatbots"), "{}")),
                    total.isNumber() ? total.asLong() : result.data().size());
        }
        return counts;
    }

    /** What a refused request left behind: each list grew by exactly the creations that were answered 2xx. */
    private static void assertUnchanged(Map<String, Long> before, Map<String, Integer> created) {
        Map<String, Long> expected = new TreeMap<>();
        before.forEach((list, count) -> {
            long added = created.getOrDefault(list, 0);
            if (list.endsWith("/members")) {
                added = created.getOrDefault(list.replace("/members", "/users"), 0);
            } else if (list.endsWith("/invitations")) {
                added += created.getOrDefault(list.replace("/invitations", "/members"), 0);
            }
            expected.put(list, count + added);
        });
        assertThat(counts())
                .as("stored counts after the hostile requests (creations answered 2xx: %s)", created)
                .isEqualTo(expected);
    }

    private static boolean isEnvelope(String body) {
        try {
            JsonNode envelope = JSON.readTree(body);
            return envelope.path("success").isBoolean()
                    && !envelope.path("success").asBoolean()
                    && !envelope.path("error_code").asString("").isBlank()
                    && !envelope.path("request_id").asString("").isBlank();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static JsonNode created(ApiResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return result.data();
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
