package com.chatbotsaas.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A web app's origin on the loopback interface (WireMock): serves a page whose script calls the gateway with a bearer
 * token and posts what happened back to this origin, where the test reads it.
 */
final class BrowserPages implements AutoCloseable {

    private final WireMockServer server;

    BrowserPages() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathMatching("/result/.+")).willReturn(noContent()));
    }

    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /**
     * A page at {@code /<name>} that fetches {@code url} with the bearer token and reports {@code "<status> <request
     * id header>"} or {@code "blocked <error>"} to {@code /result/<name>}.
     */
    String fetchPage(String name, String url, String token) {
        String page = """
                <!doctype html>
                <html><body><script>
                const report = text => fetch('/result/%1$s', {method: 'POST', body: text});
                fetch('%2$s', {headers: {'Authorization': 'Bearer %3$s', 'X-Request-Id': 'browser-%1$s'}})
                  .then(r => report(r.status + ' ' + r.headers.get('X-Request-Id')))
                  .catch(e => report('blocked ' + e));
                </script></body></html>
                """.formatted(name, url, token);
        server.stubFor(get(urlPathEqualTo("/" + name))
                .willReturn(ok(page).withHeader("Content-Type", "text/html; charset=utf-8")));
        return origin() + "/" + name;
    }

    @Nullable
    String result(String name) {
        List<LoggedRequest> reports = server.findAll(postRequestedFor(urlPathEqualTo("/result/" + name)));
        return reports.isEmpty() ? null : reports.getFirst().getBodyAsString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
