package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.browser.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CORS as a real browser enforces it: headless Chromium loading pages from an allowed and a foreign origin. */
class CorsBrowserIT extends GatewayIntegrationTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aPageFromAnAllowedOriginCallsTheApiWithABearerToken() {
        String name = "allowed-" + UUID.randomUUID();
        String page = allowedOrigin.fetchPage(name, gatewayUrl() + "/api/v1/users/me", userToken());

        String result = resultInBrowser(allowedOrigin, name, page);

        // The status, and the request id header the API exposes to scripts.
        assertThat(result).isEqualTo("200 browser-" + name);
    }

    @Test
    void theBrowserBlocksTheSameCallFromAnotherOrigin() {
        String name = "foreign-" + UUID.randomUUID();
        String page = otherOrigin.fetchPage(name, gatewayUrl() + "/api/v1/users/me", userToken());
        int requestsBefore = services.requests();

        String result = resultInBrowser(otherOrigin, name, page);

        assertThat(result).startsWith("blocked TypeError");
        // The preflight failed, so the call itself never reached the service.
        assertThat(services.requests()).isEqualTo(requestsBefore);
    }

    @Test
    void answersAPreflightWithoutATokenAndGivesAForeignOriginNoCorsHeaders() throws Exception {
        HttpResponse<Void> allowed = preflight(allowedOrigin.origin(), "/api/v1/organizations");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(allowedOrigin.origin());
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .containsIgnoringCase("authorization");
        assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");

        HttpResponse<Void> foreign = preflight(otherOrigin.origin(), "/api/v1/organizations");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().map().keySet())
                .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));

        HttpResponse<Void> foreignCall = HTTP.send(
                HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/v1/users/me"))
                        .header("Origin", otherOrigin.origin())
                        .header("Authorization", "Bearer " + userToken())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(foreignCall.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void theWidgetApiAcceptsCallsFromAnyOrigin() throws Exception {
        HttpResponse<Void> widget = preflight(otherOrigin.origin(), "/api/v1/public/chatbots/pk_1/conversations");
        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.headers().firstValue("Access-Control-Allow-Origin")).hasValue(otherOrigin.origin());
        assertThat(widget.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
    }

    private String resultInBrowser(BrowserPages origin, String name, String page) {
        try (Chromium.Session browser = Chromium.open(page)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the browser exited", () -> !browser.isAlive())
                    .until(() -> origin.result(name) != null);
        }
        return origin.result(name);
    }

    private HttpResponse<Void> preflight(String origin, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gatewayUrl() + path))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization,x-request-id")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private String gatewayUrl() {
        return "http://127.0.0.1:" + port;
    }
}
