package com.chatbotsaas.chatbot.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An engine's endpoint as a local HTTP server on {@value #HOST} (allow-listed in the tests' SSRF guard), recording the
 * requests it got and answering with the test's handler. Each request runs on its own virtual thread, so a handler may
 * hang without blocking the others.
 *
 * <p>Only for what WireMock cannot do: hold a request until the test releases it (or forever), and stream a body
 * without end until the client hangs up; WireMock answers with a response fixed before it is sent, at most delayed
 * or dribbled over a set time. Canned answers are {@link EngineStub}s.
 */
public final class LocalServer implements AutoCloseable {

    public static final String HOST = "127.0.0.2";

    /** A request as the server received it. */
    public record Request(String method, String path, String authorization, String body) {}

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, Request request) throws IOException;
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Handler handler;

    private LocalServer(HttpServer server, Handler handler) {
        this.server = server;
        this.handler = handler;
    }

    public static LocalServer start(Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(HOST, 0), 0);
            LocalServer local = new LocalServer(server, handler);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                Request request = new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                local.requests.add(request);
                try {
                    local.handler.handle(exchange, request);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void handler(Handler handler) {
        this.handler = handler;
    }

    public String url(String path) {
        return "http://" + HOST + ":" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
