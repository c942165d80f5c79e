package com.chatbotsaas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.e2e.ApiDocuments.ApiOperation;
import com.chatbotsaas.e2e.HostileRequests.HostileRequest;
import com.chatbotsaas.e2e.HostileRequests.Kind;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.keycloak.TestUser;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.sessions.JqwikSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation every service documents, sent hostile input through the gateway by the owner of a real
 * organization (see {@code docs/security.md}, "Hostile input"): no answer is a server error, every refusal is the
 * error envelope with the request's own id, a refused request stores nothing, and a refusal of an audited action that
 * reached its handler is in the organization's audit trail as a failure. The documents themselves are checked to name
 * every route the controllers serve and the error envelope of every operation.
 */
class HostileInputIT {

    /** The gateway's default request size limit ({@code GATEWAY_MAX_REQUEST_SIZE}). */
    private static final int BODY_LIMIT = 1024 * 1024;

    private static final long SEED = 20261205L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> JSON_NODE_GETTERS =
            Set.of("big_decimal", "floating_point_number", "missing_node", "value_node", "node_type", "embedded_value");

    /** The extension naming an operation's audited action (platform-starter {@code AuditedOperationDocumentation}). */
    private static final String AUDIT_ACTION = "x-audit-action";

    private static String email;
    private static ApiClient owner;
    private static String accessToken;
    private static String orgId;
    private static Map<String, String> ids;
    private static ApiDocuments documents;

    @BeforeAll
    static void anOrganizationWithOneOfEverything() {
        ApiClient gateway = ApiClient.at(Suite.get().gatewayUrl());
        email = People.email("hostile");
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
        List<Answer> answers = new ArrayList<>();
        long started = System.nanoTime();
        // Outside a jqwik property its arbitraries draw values within a session.
        JqwikSession.start();
        try {
            send(operations, generator, http, headers, byClass, byKind, problems, accepted, created, answers, before);
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
        List<String> misaudited = checkAudited(answers);

        assertThat(problems)
                .as("server errors and refusals without the envelope")
                .isEmpty();
        assertThat(misaudited)
                .as("refusals of audited actions audited with another action, status or error code")
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
            List<Answer> answers,
            Map<String, Long> before) {
        boolean counted = false;
        int sequence = 0;
        for (ApiOperation operation : operations) {
            if (!counted && phase(operation) > 0) {
                assertUnchanged(before, created);
                counted = true;
            }
            for (HostileRequest request : generator.forOperation(operation)) {
                byKind.merge(request.kind(), 1, Integer::sum);
                // Unique per request: the audit trail is read back by it.
                String requestId = "hostile-" + SEED + "-" + ++sequence + "-" + UUID.randomUUID();
                Map<String, String> sent = new LinkedHashMap<>(headers);
                sent.put("X-Request-Id", requestId);
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
                JsonNode envelope = envelope(response.body());
                if (status >= 500) {
                    problems.add(status + " " + shorten(response.body()) + " for " + request);
                } else if (status >= 400 && envelope == null) {
                    problems.add(
                            status + " without the error envelope: " + shorten(response.body()) + " for " + request);
                } else if (status >= 400
                        && status != 414
                        && status != 431
                        && !requestId.equals(envelope.path("request_id").asString())) {
                    // 414 and 431: the request line or headers are too large to read, its id with them.
                    problems.add(status + " with another request id than " + requestId + ": " + shorten(response.body())
                            + " for " + request);
                } else if (status < 400) {
                    accepted.add(status + " for " + request);
                    if ("POST".equals(operation.method()) && (status == 201 || status == 202)) {
                        created.merge(ControllerRoutes.normalize(operation.path()), 1, Integer::sum);
                    }
                    if (request.kind() == Kind.OVER_BODY_LIMIT) {
                        problems.add("a body over the limit was accepted: " + request);
                    }
                }
                answers.add(new Answer(
                        request,
                        requestId,
                        status,
                        envelope == null ? "" : envelope.path("error_code").asString("")));
            }
        }
        if (!counted) {
            assertUnchanged(before, created);
        }
    }

    /**
     * Reads the audit trail back for the refusals of audited actions and prints which kinds of refusal are audited;
     * waits until every refusal that reached its handler is audited as a failure with its request id, and returns the
     * audited refusals whose record names another action, status or error code. A refusal in the organization is read by its owner from the
     * organization's trail; one whose path names a malformed organization id belongs to no organization, and an
     * operator reads it from the owner's failures across the platform.
     */
    private static List<String> checkAudited(List<Answer> answers) {
        List<Answer> refusals = answers.stream()
                .filter(a -> a.status() >= 400 && a.status() < 500 && a.status() != 429)
                .filter(a -> auditAction(a.request().operation()) != null)
                .toList();
        Set<Answer> inOrganization =
                refusals.stream().filter(a -> inOrganization(a.request())).collect(Collectors.toSet());
        Set<Answer> elsewhere = refusals.stream()
                .filter(a -> !inOrganization(a.request()) && organizationScoped(a.request()))
                .collect(Collectors.toSet());
        // A new sign-in: the requests on sessions and passwords may have ended the first one.
        ApiClient gateway = ApiClient.at(Suite.get().gatewayUrl());
        ApiClient reader = People.signIn(gateway, email);
        long started = System.nanoTime();
        Map<String, JsonNode> records =
                awaitAudited(reader, "/api/v1/organizations/" + orgId + "/audit-logs?outcome=failure", inOrganization);
        String actorId = records.values().iterator().next().path("actor_id").asString();
        Map<String, JsonNode> platformRecords = awaitAudited(
                gateway.withToken(platformAdminToken()),
                "/api/v1/admin/audit-logs?outcome=failure&actor_id=" + actorId,
                elsewhere);
        long waited = (System.nanoTime() - started) / 1_000_000L;

        List<String> wrong = new ArrayList<>();
        Map<String, int[]> byRefusal = new TreeMap<>();
        List<String> unaudited = new ArrayList<>();
        for (Answer refusal : refusals) {
            boolean checked = inOrganization.contains(refusal) || elsewhere.contains(refusal);
            JsonNode record = inOrganization.contains(refusal)
                    ? records.get(refusal.requestId())
                    : platformRecords.get(refusal.requestId());
            String key = refusal.request().kind() + " " + refusal.status() + " " + refusal.errorCode();
            byRefusal.computeIfAbsent(key, k -> new int[3])[!checked ? 2 : record == null ? 1 : 0]++;
            if (checked && record == null) {
                unaudited.add(refusal.toString());
            } else if (checked) {
                // Unchecked ones may be the gateway's own denial of the same request (gateway.request.deny).
                String expected =
                        auditAction(refusal.request().operation()) + " " + refusal.status() + " " + refusal.errorCode();
                String actual = record.path("action").asString() + " "
                        + record.path("status_code").asInt() + " "
                        + record.path("error_code").asString("");
                if (!expected.equals(actual)) {
                    wrong.add("audited as " + actual + " instead of " + expected + ": " + refusal);
                }
            }
        }
        System.out.printf(
                "Hostile input, audit trail: %d refusals of audited actions, %d checked (%d in the organization, %d"
                        + " naming a malformed organization), %d of those audited as failures; %d had to be (%d"
                        + " VALIDATION_ERROR); read back in %d ms%n",
                refusals.size(),
                inOrganization.size() + elsewhere.size(),
                inOrganization.size(),
                elsewhere.size(),
                inOrganization.stream()
                                .filter(a -> records.containsKey(a.requestId()))
                                .count()
                        + elsewhere.stream()
                                .filter(a -> platformRecords.containsKey(a.requestId()))
                                .count(),
                refusals.stream()
                        .filter(a -> (inOrganization.contains(a) || elsewhere.contains(a)) && reachesTheHandler(a))
                        .count(),
                refusals.stream()
                        .filter(a -> (inOrganization.contains(a) || elsewhere.contains(a))
                                && "VALIDATION_ERROR".equals(a.errorCode()))
                        .count(),
                waited);
        byRefusal.forEach((refusal, audited) -> System.out.printf(
                "  %-52s audited %4d, not audited %4d, not checked %4d%n",
                refusal, audited[0], audited[1], audited[2]));
        System.out.println("Hostile input refused before the handler, not audited (" + unaudited.size() + "):");
        unaudited.forEach(u -> System.out.println("  " + u));
        return wrong;
    }

    /**
     * Waits until every refusal that reached its handler is among the failures a trail lists, and returns them all
     * by request id.
     */
    private static Map<String, JsonNode> awaitAudited(ApiClient reader, String trail, Set<Answer> refusals) {
        List<Answer> mustBeAudited =
                refusals.stream().filter(HostileInputIT::reachesTheHandler).toList();
        Map<String, JsonNode> records = new HashMap<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    records.clear();
                    records.putAll(auditedFailures(reader, trail));
                    assertThat(mustBeAudited.stream()
                                    .filter(a -> !records.containsKey(a.requestId()))
                                    .map(Answer::toString)
                                    .toList())
                            .as("refusals that reached their handler, not (yet) audited as failures in " + trail)
                            .isEmpty();
                });
        return records;
    }

    /**
     * Whether a refusal comes from the service after it chose the handler, which audits it: everything but what the
     * gateway refuses on the request line and the size (its firewall: traversal, encoded separators and control
     * characters; the body limit) and Tomcat on undecodable bytes in the path or query.
     */
    private static boolean reachesTheHandler(Answer refusal) {
        return switch (refusal.request().kind()) {
            case PATH_TRAVERSAL, OVER_BODY_LIMIT -> false;
            case INVALID_ID_IN_PATH, MALFORMED_QUERY, REPEATED_QUERY -> refusal.status() != 400;
            default -> true;
        };
    }

    /** Every failure a trail lists, by request id, read page by page. */
    private static Map<String, JsonNode> auditedFailures(ApiClient reader, String trail) {
        Map<String, JsonNode> records = new HashMap<>();
        String cursor = null;
        do {
            String page = trail + "&per_page=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            ApiResult result = reader.get(page);
            assertThat(result.status()).as(page + ": " + result).isEqualTo(200);
            result.data()
                    .forEach(record -> records.put(record.path("request_id").asString(), record));
            JsonNode next = result.body().path("meta").path("next_cursor");
            cursor = next.isString() ? next.asString() : null;
        } while (cursor != null);
        return records;
    }

    private static String platformAdminToken() {
        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        TestUser operator = keycloak.createUser();
        keycloak.grantRealmRole(operator, "platform-admin");
        return keycloak.login(operator).accessToken();
    }

    private static @Nullable String auditAction(ApiOperation operation) {
        Map<String, Object> extensions = operation.operation().getExtensions();
        return extensions == null || extensions.get(AUDIT_ACTION) == null
                ? null
                : extensions.get(AUDIT_ACTION).toString();
    }

    /** Whether the request names the suite's organization in its path, whose owner reads its audit trail. */
    private static boolean inOrganization(HostileRequest request) {
        String organization = "/api/v1/organizations/" + orgId;
        String target = request.target();
        return organizationScoped(request)
                && target.startsWith(organization)
                && (target.length() == organization.length()
                        || target.charAt(organization.length()) == '/'
                        || target.charAt(organization.length()) == '?');
    }

    private static boolean organizationScoped(HostileRequest request) {
        return request.operation().path().matches("/api/v1/organizations/\\{[^}]+}(/.*)?");
    }

    /** One request as it was answered. */
    private record Answer(HostileRequest request, String requestId, int status, String errorCode) {

        @Override
        public String toString() {
            return status + " " + errorCode + " " + requestId + " for " + request;
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

    /** The error envelope a body is, or null. */
    private static @Nullable JsonNode envelope(String body) {
        try {
            JsonNode envelope = JSON.readTree(body);
            return envelope.path("success").isBoolean()
                            && !envelope.path("success").asBoolean()
                            && !envelope.path("error_code").asString("").isBlank()
                            && !envelope.path("request_id").asString("").isBlank()
                    ? envelope
                    : null;
        } catch (RuntimeException e) {
            return null;
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
