package com.chatbotsaas.notification.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;

/**
 * A customer's webhook endpoint on this machine (WireMock): records every request to its own path and answers 204, or
 * with the answers the test sets (failures first, a status for everything, or a redirect).
 *
 * <p>The path is new for each receiver. An earlier test's delivery may still be retrying towards that test's closed
 * receiver, and the port it was on can be handed to a new receiver; such a request gets a 404 here, is not counted
 * and does not use up one of the failures a test asked for.
 */
public final class Receiver implements AutoCloseable {

    private static final String ATTEMPTS = "attempts";

    private final WireMockServer server;
    private final String path = "/hooks/chatbot/" + UUID.randomUUID();

    public Receiver() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        answering(204);
    }

    public String url() {
        return origin() + path;
    }

    /** Scheme, host and port of {@link #url()}: what the service shows of it where it hides the path. */
    public String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Answers every request with this status. */
    public Receiver answering(int status) {
        server.resetMappings();
        server.stubFor(any(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)));
        return this;
    }

    /** Answers the first {@code times} requests with this status, and 200 after them. */
    public Receiver failingFirst(int times, int status) {
        server.resetMappings();
        server.resetScenarios();
        for (int failure = 0; failure < times; failure++) {
            server.stubFor(any(urlPathEqualTo(path))
                    .inScenario(ATTEMPTS)
                    .whenScenarioStateIs(failure == 0 ? Scenario.STARTED : "failed " + failure)
                    .willSetStateTo("failed " + (failure + 1))
                    .willReturn(aResponse().withStatus(status)));
        }
        server.stubFor(any(urlPathEqualTo(path))
                .inScenario(ATTEMPTS)
                .whenScenarioStateIs("failed " + times)
                .willReturn(aResponse().withStatus(200)));
        return this;
    }

    /** Answers every request with a 302 to this location. */
    public Receiver redirectingTo(String location) {
        server.resetMappings();
        server.stubFor(
                any(urlPathEqualTo(path)).willReturn(aResponse().withStatus(302).withHeader("Location", location)));
        return this;
    }

    /** Every request to this receiver's path so far, in the order they arrived. */
    public List<Request> requests() {
        return server.getAllServeEvents().reversed().stream()
                .map(ServeEvent::getRequest)
                .filter(request -> request.getUrl().split("\\?", 2)[0].equals(path))
                .map(Request::of)
                .toList();
    }

    public List<Request> requestsFor(String webhookId) {
        return requests().stream().filter(r -> webhookId.equals(r.id())).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    public record Request(String id, String timestamp, String signature, String contentType, String body) {

        static Request of(LoggedRequest request) {
            return new Request(
                    header(request, "webhook-id"),
                    header(request, "webhook-timestamp"),
                    header(request, "webhook-signature"),
                    header(request, "Content-Type"),
                    request.getBodyAsString());
        }

        private static String header(LoggedRequest request, String name) {
            HttpHeader header = request.header(name);
            return header.isPresent() ? header.firstValue() : null;
        }
    }
}
