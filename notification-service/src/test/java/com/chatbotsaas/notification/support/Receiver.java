package com.chatbotsaas.notification.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A customer's webhook endpoint on this machine: records every request and answers with the status the test chooses
 * for the n-th request (1-based), or redirects elsewhere.
 */
public final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator status = n -> 204;
    private volatile String redirectTo;

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/chatbot";
    }

    /** The status answered to the n-th request (1-based). */
    public Receiver answering(IntUnaryOperator status) {
        this.status = status;
        return this;
    }

    /** Answers every request with a 302 to this location. */
    public Receiver redirectingTo(String location) {
        this.redirectTo = location;
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requestsFor(String webhookId) {
        return requests().stream().filter(r -> webhookId.equals(r.id())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int n = count.incrementAndGet();
        synchronized (requests) {
            requests.add(new Request(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8)));
        }
        if (redirectTo != null) {
            exchange.getResponseHeaders().set("Location", redirectTo);
            exchange.sendResponseHeaders(302, -1);
        } else {
            exchange.sendResponseHeaders(status.applyAsInt(n), -1);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public record Request(String id, String timestamp, String signature, String contentType, String body) {}
}
