package com.chatbotsaas.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed bodies through the guarded client. The peer is the JDK's own HTTP server, not WireMock: these tests need a
 * body whose next part waits for the test (proof that the caller reads while the peer still writes) and a body with
 * no end (proof that closing early does not read the rest), and WireMock only serves bodies it knows in advance.
 */
class GuardedHttpClientStreamingTest {

    private static final OutboundProperties PROPERTIES =
            new OutboundProperties(List.of("127.0.0.1"), Duration.ofSeconds(1), 3);

    private final CountDownLatch firstLineRead = new CountDownLatch(1);
    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean endlessStopped = new AtomicBoolean();
    private final GuardedHttpClient client = new GuardedHttpClient(new OutboundGuard(PROPERTIES), PROPERTIES);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/held", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: first\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (firstLineRead.await(10, TimeUnit.SECONDS)) {
                    out.write("data: second\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "data: more\n".repeat(100).getBytes(StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            try (OutputStream out = exchange.getResponseBody()) {
                while (System.nanoTime() < deadline) {
                    out.write(chunk);
                    served.addAndGet(chunk.length);
                }
            } catch (IOException closed) {
                // The client went away: what the test wants.
            } finally {
                endlessStopped.set(true);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void theCallerReadsTheBodyWhileThePeerIsStillWriting() throws Exception {
        HttpResponse<InputStream> response = client.send(request("/held"), HttpResponse.BodyHandlers.ofInputStream());

        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("data: first");
            firstLineRead.countDown();
            assertThat(reader.readLine()).isEqualTo("data: second");
            assertThat(reader.readLine()).isNull();
        }
    }

    @Test
    void closingAnEndlessBodyEarlyClosesTheConnectionInsteadOfReadingTheRest() throws Exception {
        HttpResponse<InputStream> response =
                client.send(request("/endless"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(1024)).hasSize(1024);
        }

        await().atMost(Duration.ofSeconds(10)).untilTrue(endlessStopped);
        assertThat(served).hasValueLessThan(64L * 1024 * 1024);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(5))
                .build();
    }
}
