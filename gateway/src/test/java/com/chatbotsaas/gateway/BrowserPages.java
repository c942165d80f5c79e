package com.chatbotsaas.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A web app's origin on the loopback interface: serves a page whose script calls the gateway with a bearer token and
 * posts what happened back to this origin, where the test reads it.
 */
final class BrowserPages implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final Map<String, String> results = new ConcurrentHashMap<>();

    BrowserPages() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/result/")) {
                    results.put(
                            path.substring("/result/".length()),
                            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                String page = pages.get(path);
                if (page == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = page.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * A page at {@code /<name>} that fetches {@code url} with the bearer token and reports {@code "<status> <request
     * id header>"} or {@code "blocked <error>"} to {@code /result/<name>}.
     */
    String fetchPage(String name, String url, String token) {
        pages.put("/" + name, """
                <!doctype html>
                <html><body><script>
                const report = text => fetch('/result/%1$s', {method: 'POST', body: text});
                fetch('%2$s', {headers: {'Authorization': 'Bearer %3$s', 'X-Request-Id': 'browser-%1$s'}})
                  .then(r => report(r.status + ' ' + r.headers.get('X-Request-Id')))
                  .catch(e => report('blocked ' + e));
                </script></body></html>
                """.formatted(name, url, token));
        return origin() + "/" + name;
    }

    @Nullable
    String result(String name) {
        return results.get(name);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
