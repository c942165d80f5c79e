package com.chatbotsaas.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service behind the gateway that answers with what it received: method, path, headers, body size and which
 * attempt of a request this is. Like a service it echoes the request id, answers its readiness and publishes an
 * OpenAPI document. Tests steer it with headers: {@code X-Test-Delay-Ms} answers late, {@code X-Test-Fail-First:
 * <key>} answers 503 to the first request with that key; a path ending in {@code /stream} asked for {@code
 * text/event-stream} is an open SSE stream. It
 * can be stopped and started again on the same port.
 *
 * <p>The JDK's HTTP server, not WireMock: the answer is computed from each request (its headers echoed, attempts
 * counted per key) and an SSE stream stays open until the gateway lets go, neither of which a stub serves without
 * writing WireMock extensions larger than this class.
 */
final class EchoUpstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final int port;
    private @Nullable HttpServer server;
    private @Nullable ExecutorService executor;

    EchoUpstream() {
        this(0);
    }

    private EchoUpstream(int port) {
        this.port = bind(port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Requests answered since start. */
    int requests() {
        return requests.get();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Starts again on the same port, as a restarted service would. */
    synchronized void restart() {
        stop();
        bind(port);
    }

    private synchronized int bind(int wanted) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 100);
            created.createContext("/", this::handle);
            executor = Executors.newVirtualThreadPerTaskExecutor();
            created.setExecutor(executor);
            created.start();
            server = created;
            return created.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            long bodyBytes = exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/actuator/health/readiness")) {
                respond(exchange, 200, Map.of("status", "UP"));
                return;
            }
            if (path.equals("/v3/api-docs")) {
                respond(
                        exchange,
                        200,
                        Map.of(
                                "openapi", "3.1.0",
                                "info", Map.of("title", "echo", "version", "1"),
                                "servers", java.util.List.of(Map.of("url", url())),
                                "paths", Map.of("/api/v1/echo", Map.of())));
                return;
            }
            if (path.endsWith("/stream")
                    && "text/event-stream".equals(exchange.getRequestHeaders().getFirst("Accept"))) {
                stream(exchange);
                return;
            }
            String delay = exchange.getRequestHeaders().getFirst("X-Test-Delay-Ms");
            if (delay != null) {
                // The upstream being slow is the behaviour under test, not a wait of the test.
                Thread.sleep(Long.parseLong(delay));
            }
            String failFirst = exchange.getRequestHeaders().getFirst("X-Test-Fail-First");
            int attempt = failFirst == null
                    ? 1
                    : attempts.computeIfAbsent(failFirst, k -> new AtomicInteger())
                            .incrementAndGet();
            Map<String, Object> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("method", exchange.getRequestMethod());
            body.put("path", path);
            body.put("headers", headers);
            body.put("body_bytes", bodyBytes);
            body.put("attempt", attempt);
            respond(exchange, failFirst != null && attempt == 1 ? 503 : 200, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A server-sent-events stream that stays open, as a conversation's stream does while nothing happens: a comment
     * every 200 ms until the gateway closes the connection (or after a minute, so that nothing outlives a test).
     */
    private static void stream(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        java.io.OutputStream body = exchange.getResponseBody();
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        try {
            body.write("event: message.created\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            while (System.nanoTime() < until) {
                // The stream being open is the behaviour under test, not a wait of the test.
                Thread.sleep(200);
                body.write(":\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        } catch (IOException closedByTheGateway) {
            // The gateway let go of the stream: so does the service.
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // Like the services, echo the request id.
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (requestId != null) {
            exchange.getResponseHeaders().set("X-Request-Id", requestId);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        stop();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
