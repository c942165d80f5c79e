package com.chatbotsaas.platform.test.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON client for black-box tests: what a real client of the API sends and sees. */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final Map<String, String> headers;

    private ApiClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    public static ApiClient at(String baseUrl) {
        return new ApiClient(baseUrl, Map.of());
    }

    /** The same client sending one more header on every request. */
    public ApiClient withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiClient(baseUrl, copy);
    }

    public ApiClient withToken(String accessToken) {
        return withHeader("Authorization", "Bearer " + accessToken);
    }

    public ApiResult get(String path) {
        return send(request(path).GET());
    }

    public ApiResult delete(String path) {
        return send(request(path).DELETE());
    }

    public ApiResult post(String path, @Nullable Object body) {
        return send(request(path).POST(body(body)));
    }

    public ApiResult patch(String path, @Nullable Object body) {
        return send(request(path).method("PATCH", body(body)));
    }

    /** A raw body, e.g. malformed JSON. */
    public ApiResult postRaw(String path, String body, String contentType) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        headers.forEach(builder::setHeader);
        return builder;
    }

    private static HttpRequest.BodyPublisher body(@Nullable Object body) {
        return body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    private ApiResult send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        if (request.bodyPublisher().isPresent()
                && request.headers().firstValue("Content-Type").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Content-Type", "application/json")
                    .build();
        }
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.missingNode() : parse(text);
            return new ApiResult(response.statusCode(), response.headers().map(), body, text);
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException e) {
            return JSON.missingNode();
        }
    }
}
