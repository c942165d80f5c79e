package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.http.ApiResult;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the services receive from a client, and what a client receives from the gateway. */
class RequestHygieneIT extends GatewayIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void refusesEncodedTraversalWithTheErrorEnvelope() throws Exception {
        for (String path : new String[] {"/api/v1/organizations/..%2F..%2Fadmin", "/api/v1/organizations/x;/roles"}) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", "Bearer " + userToken())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            JsonNode envelope = JsonMapper.builder().build().readTree(response.body());
            assertThat(envelope.path("success").asBoolean(true)).isFalse();
            assertThat(envelope.path("error_code").asString()).isEqualTo("MALFORMED_REQUEST");
            assertThat(envelope.path("request_id").asString())
                    .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        }
    }

    @Test
    void answersRequestsSpringNeverSeesWithTheErrorEnvelope() throws Exception {
        assertEnvelope(raw("GET /api/v1/users/me?a=%zz&b=% HTTP/1.1"), 400);
        assertEnvelope(raw("GET /api/v1/users/me?cursor=" + "A".repeat(9000) + " HTTP/1.1"), 414);
    }

    @Test
    void refusesControlCharactersInAnyHeaderOrParameterNameEvenOneNobodyReads() throws Exception {
        String token = "Authorization: Bearer " + userToken();
        assertEnvelope(raw("GET /api/v1/users/me HTTP/1.1\r\n" + token + "\r\nX-Unread: a\u0007b"), 400);
        assertEnvelope(raw("GET /api/v1/users/me?a%07b=1 HTTP/1.1\r\n" + token), 400);
        assertThat(raw("GET /api/v1/users/me?note=plain HTTP/1.1\r\n" + token)).startsWith("HTTP/1.1 200");
    }

    private static void assertEnvelope(String response, int status) {
        assertThat(response).startsWith("HTTP/1.1 " + status);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        JsonNode envelope = JsonMapper.builder().build().readTree(body);
        assertThat(envelope.path("success").asBoolean(true)).isFalse();
        assertThat(envelope.path("error_code").asString()).isEqualTo("MALFORMED_REQUEST");
        assertThat(envelope.path("request_id").asString()).isNotBlank();
    }

    /** A request line as given, which java.net.URI would refuse to build. */
    private String raw(String requestLine) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void stripsHeadersOnlyTheGatewayMaySet() {
        JsonNode received = gateway()
                .withToken(userToken())
                .withHeader("X-Internal-Caller", "billing")
                .withHeader("X-User-Id", "someone-else")
                .withHeader("X-Org-Id", "0199e0a0-0000-7000-8000-000000000009")
                .withHeader("X-Real-IP", "192.0.2.1")
                .withHeader("Forwarded", "for=192.0.2.2")
                .withHeader("X-Conversation-Token", "kept")
                .get("/api/v1/users/me")
                .body()
                .path("headers");

        assertThat(received.has("x-internal-caller")).isFalse();
        assertThat(received.has("x-user-id")).isFalse();
        assertThat(received.has("x-org-id")).isFalse();
        assertThat(received.has("x-real-ip")).isFalse();
        assertThat(received.has("forwarded")).isFalse();
        assertThat(received.path("x-conversation-token").asString()).isEqualTo("kept");
    }

    @Test
    void servicesGetOneForwardedForHopTheClientCannotChoose() {
        // The peer (loopback) is a trusted proxy here; 10.1.2.3 is not, so it is the client, and what it claims
        // about itself (203.0.113.9) is ignored.
        JsonNode received = gateway()
                .withToken(userToken())
                .withHeader("X-Forwarded-For", "203.0.113.9, 10.1.2.3")
                .get("/api/v1/users/me")
                .body()
                .path("headers");

        assertThat(received.path("x-forwarded-for").asString()).isEqualTo("10.1.2.3");
        assertThat(received.path("x-forwarded-proto").asString()).isEqualTo("http");
        assertThat(received.path("x-forwarded-host").asString()).isEqualTo("127.0.0.1:" + port);
        assertThat(received.path("x-request-id").asString()).isNotBlank();

        JsonNode direct =
                gateway().withToken(userToken()).get("/api/v1/users/me").body().path("headers");
        assertThat(direct.path("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void answersWithSecurityHeadersOnceAndHstsOnlyBehindTls() {
        ApiClient api = gateway().withToken(userToken());

        for (ApiResult result :
                new ApiResult[] {api.get("/api/v1/users/me"), gateway().get("/api/v1/users/me")}) {
            assertThat(result.headers().get("x-content-type-options")).containsExactly("nosniff");
            assertThat(result.headers().get("x-frame-options")).containsExactly("DENY");
            assertThat(result.headers().get("referrer-policy")).containsExactly("no-referrer");
            assertThat(result.headers().get("x-xss-protection")).containsExactly("0");
            assertThat(result.headers().get("cache-control"))
                    .containsExactly("no-cache, no-store, max-age=0, must-revalidate");
            assertThat(result.header("Strict-Transport-Security")).isNull();
        }

        ApiResult behindTls = api.withHeader("X-Forwarded-Proto", "https").get("/api/v1/users/me");
        assertThat(behindTls.header("Strict-Transport-Security")).startsWith("max-age=31536000");
        assertThat(behindTls.body().path("headers").path("x-forwarded-proto").asString())
                .isEqualTo("https");
    }

    @Test
    void refusesBodiesOverTheLimitWith413WhetherDeclaredOrStreamed() throws Exception {
        String token = userToken();
        byte[] small = new byte[10_000];
        byte[] large = new byte[1_500_000];

        HttpResponse<String> fits = send(token, HttpRequest.BodyPublishers.ofByteArray(small));
        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.shared().readTree(fits.body()).path("body_bytes").asLong())
                .isEqualTo(small.length);

        HttpResponse<String> declared = send(token, HttpRequest.BodyPublishers.ofByteArray(large));
        assertPayloadTooLarge(declared);

        // No Content-Length: the body is sent chunked and counted as it streams.
        HttpResponse<String> streamed =
                send(token, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));
        assertPayloadTooLarge(streamed);
    }

    private HttpResponse<String> send(String token, HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/v1/organizations/0199e0a0-0000-7000-8000-000000000001/chatbots/b/knowledge"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertPayloadTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode body = JsonMapper.shared().readTree(response.body());
        assertThat(body.path("error_code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(body.path("success").asBoolean()).isFalse();
    }
}
