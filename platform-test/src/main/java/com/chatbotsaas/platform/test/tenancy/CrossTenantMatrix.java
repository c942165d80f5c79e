package com.chatbotsaas.platform.test.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cross-tenant matrix over every route under {@code /api/v1/organizations/{orgId}} that a service's own handler
 * mappings declare — so a new endpoint cannot be missed: each must carry {@code @RequiresPermission}; a member of
 * another organization and a user with no membership get 404; a viewer attempting anything but a GET gets 403; the
 * owner succeeds. A route without a sample is a problem until one is written.
 *
 * @param <F> what a sample needs created first (an organization with its resources)
 */
public final class CrossTenantMatrix<F> {

    private static final String PREFIX = "/api/v1/organizations/{orgId}";
    private static final String REQUIRES_PERMISSION = "com.chatbotsaas.platform.permission.RequiresPermission";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The call that exercises a route.
     *
     * @param accept the media type asked for ({@code text/event-stream} for streams, whose body is not read)
     */
    public record Call(String method, String path, @Nullable Object body, String accept) {

        public Call(String method, String path, @Nullable Object body) {
            this(method, path, body, "application/json");
        }
    }

    /** A fresh organization for one route: its fixture and the bearer tokens of its owner and of a viewer in it. */
    public record Tenant<F>(F fixture, String ownerToken, String viewerToken) {}

    private final String baseUrl;
    private final RequestMappingHandlerMapping mappings;
    private final Map<String, Function<F, Call>> samples;

    public CrossTenantMatrix(
            String baseUrl, RequestMappingHandlerMapping mappings, Map<String, Function<F, Call>> samples) {
        this.baseUrl = baseUrl;
        this.mappings = mappings;
        this.samples = samples;
    }

    /**
     * Runs the matrix; answers every problem found (empty when tenancy holds).
     *
     * @param newTenant creates an organization with an owner, a viewer and the resources samples need
     * @param outsiderToken a user who is a member of another organization only
     * @param strangerToken a user with no membership at all
     */
    public List<String> check(Supplier<Tenant<F>> newTenant, String outsiderToken, String strangerToken) {
        List<String> problems = new ArrayList<>();
        List<String> routes = organizationRoutes(problems);
        if (routes.size() < samples.size()) {
            problems.add("fewer organization routes (" + routes.size() + ") than samples (" + samples.size() + ")");
        }
        for (String route : routes) {
            Function<F, Call> sample = samples.get(route);
            if (sample == null) {
                problems.add(route + ": no sample in the cross-tenant matrix");
                continue;
            }
            Tenant<F> tenant = newTenant.get();
            Call call = sample.apply(tenant.fixture());
            expect(problems, route, "member of another organization", send(outsiderToken, call), 404);
            expect(problems, route, "user with no membership", send(strangerToken, call), 404);
            if (!call.method().equals("GET")) {
                expect(problems, route, "viewer", send(tenant.viewerToken(), call), 403);
            }
            Answer allowed = send(tenant.ownerToken(), call);
            if (allowed.status() / 100 != 2) {
                problems.add(route + ": owner got " + allowed);
            }
        }
        return problems;
    }

    /** The routes that name an organization, as "METHOD pattern". */
    private List<String> organizationRoutes(List<String> problems) {
        List<String> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith(PREFIX)) {
                    continue;
                }
                if (!requiresPermission(entry.getValue())) {
                    problems.add(pattern + " must declare @RequiresPermission");
                }
                entry.getKey().getMethodsCondition().getMethods().forEach(m -> routes.add(m.name() + " " + pattern));
            }
        }
        return routes;
    }

    /** By name: platform-starter's own tests use this module, so it cannot depend on platform-starter. */
    private static boolean requiresPermission(HandlerMethod method) {
        for (var annotation : method.getMethod().getAnnotations()) {
            if (annotation.annotationType().getName().equals(REQUIRES_PERMISSION)) {
                return true;
            }
        }
        return false;
    }

    private record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private Answer send(String token, Call call) {
        HttpRequest.BodyPublisher body = call.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call.body()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", call.accept())
                .header("Content-Type", "application/json")
                .method(call.method(), body)
                .build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                boolean stream =
                        response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                // A stream never ends: its status says enough.
                String text = stream ? "(stream)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), text);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(List<String> problems, String route, String who, Answer answer, int status) {
        if (answer.status() != status) {
            problems.add(route + ": " + who + " expected " + status + " got " + answer);
        }
    }
}
