package com.chatbotsaas.chatbot.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * An engine's endpoint that answers every request with one canned response (WireMock on {@value LocalServer#HOST},
 * which the tests' SSRF guard allows), recording the requests it got. Endpoints that must hang or stream without end
 * are {@link LocalServer}s.
 */
public final class EngineStub implements AutoCloseable {

    /** A request as the endpoint received it. */
    public record Request(String method, String path, String authorization, String body) {

        static Request of(LoggedRequest request) {
            HttpHeader authorization = request.header("Authorization");
            return new Request(
                    request.getMethod().getName(),
                    request.getUrl().replaceFirst("\\?.*", ""),
                    authorization.isPresent() ? authorization.firstValue() : "null",
                    request.getBodyAsString());
        }
    }

    private final WireMockServer server;

    private EngineStub(int status, String header, String value, String body) {
        server = new WireMockServer(options().bindAddress(LocalServer.HOST).dynamicPort());
        server.start();
        server.stubFor(any(anyUrl())
                .willReturn(
                        aResponse().withStatus(status).withHeader(header, value).withBody(body)));
    }

    /** Answers every request with this status, content type and body. */
    public static EngineStub answering(int status, String contentType, String body) {
        return new EngineStub(status, "Content-Type", contentType, body);
    }

    /** Answers every request with a redirect of this status to the location. */
    public static EngineStub redirecting(int status, String location) {
        return new EngineStub(status, "Location", location, "");
    }

    public String url(String path) {
        return "http://" + LocalServer.HOST + ":" + server.port() + path;
    }

    /** Every request so far, in the order they arrived. */
    public List<Request> requests() {
        return server.getAllServeEvents().reversed().stream()
                .map(event -> Request.of(event.getRequest()))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
