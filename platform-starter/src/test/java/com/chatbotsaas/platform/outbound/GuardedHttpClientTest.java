package com.chatbotsaas.platform.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guarded client against a local peer (WireMock): pinning, redirects, timeouts, bodies. */
class GuardedHttpClientTest {

    @RegisterExtension
    static final WireMockExtension peer = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final OutboundProperties LOCAL_ALLOWED =
            new OutboundProperties(List.of("127.0.0.1"), Duration.ofSeconds(1), 3);
    private static final OutboundProperties STRICT = new OutboundProperties(List.of(), Duration.ofSeconds(1), 3);

    private final GuardedHttpClient local = new GuardedHttpClient(new OutboundGuard(LOCAL_ALLOWED), LOCAL_ALLOWED);
    private final GuardedHttpClient strict = new GuardedHttpClient(new OutboundGuard(STRICT), STRICT);

    @AfterEach
    void close() {
        local.close();
        strict.close();
    }

    @Test
    void aNameThatAnswersPublicThenLoopbackNeverLeadsToALoopbackConnection() {
        peer.stubFor(any(anyUrl()).willReturn(ok("internal secrets")));
        // 192.0.2.1 (TEST-NET-1) is public to the guard and answers nobody; the second answer is where the peer is.
        RebindingDns.rebind("rebinding.example", "192.0.2.1", "127.0.0.1");
        var request = HttpRequest.newBuilder(URI.create("http://rebinding.example:" + peer.getPort() + "/admin"))
                .version(HttpClient.Version.HTTP_1_1) // as the platform's callers ask
                .timeout(Duration.ofSeconds(2))
                .build();

        assertThatThrownBy(() -> strict.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        peer.verify(0, anyRequestedFor(anyUrl()));
        assertThat(RebindingDns.lookups("rebinding.example")).isEqualTo(1);
    }

    @Test
    void aNameIsRefusedBeforeAnyConnectionWhenItResolvesToLoopback() {
        peer.stubFor(any(anyUrl()).willReturn(ok()));
        RebindingDns.rebind("loopback.example", "127.0.0.1", "127.0.0.1");
        var request = HttpRequest.newBuilder(URI.create("http://loopback.example:" + peer.getPort() + "/"))
                .build();

        assertThatThrownBy(() -> strict.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("private or reserved");
        peer.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void everyRedirectHopIsCheckedBeforeConnecting() throws Exception {
        peer.stubFor(get("/to-metadata")
                .willReturn(temporaryRedirect("http://169.254.169.254/latest/meta-data/")
                        .withStatus(302)));
        peer.stubFor(get("/to-private")
                .willReturn(temporaryRedirect("http://10.0.0.7/admin").withStatus(302)));
        peer.stubFor(post("/to-local").willReturn(temporaryRedirect("/final").withStatus(302)));
        peer.stubFor(get("/final").willReturn(ok("followed")));
        String base = peer.baseUrl();

        for (String path : List.of("/to-metadata", "/to-private")) {
            var request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
            assertThatThrownBy(() -> local.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(OutboundRefusedException.class);
        }
        var post = HttpRequest.newBuilder(URI.create(base + "/to-local"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> followed = local.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body()).isEqualTo("followed");
        // A 302 turns a POST into a GET, as browsers do; the body arrived once, on the first hop.
        peer.verify(1, getRequestedFor(urlEqualTo("/final")));
        peer.verify(0, postRequestedFor(urlEqualTo("/final")));
        peer.verify(1, postRequestedFor(urlEqualTo("/to-local")).withRequestBody(equalTo("{}")));

        var direct = HttpRequest.newBuilder(URI.create(base + "/final")).build();
        assertThatThrownBy(() -> strict.send(direct, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(OutboundRefusedException.class);
        peer.verify(1, getRequestedFor(urlEqualTo("/final")));
    }

    @Test
    void redirectsStopAfterTheLimit() {
        peer.stubFor(get("/loop").willReturn(temporaryRedirect("/loop")));
        var request =
                HttpRequest.newBuilder(URI.create(peer.baseUrl() + "/loop")).build();

        assertThatThrownBy(() -> local.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("too many redirects");
        peer.verify(4, getRequestedFor(urlEqualTo("/loop")));
    }

    @Test
    void aPeerThatDoesNotAnswerInTimeFailsWithTheJdkTimeoutException() {
        peer.stubFor(post("/slow").willReturn(ok("late").withFixedDelay(5_000)));
        var request = HttpRequest.newBuilder(URI.create(peer.baseUrl() + "/slow"))
                .timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long started = System.nanoTime();

        assertThatThrownBy(() -> local.send(request, HttpResponse.BodyHandlers.ofInputStream()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void headersStatusAndBodyReachTheCallersHandler() throws Exception {
        peer.stubFor(post("/hook")
                .withHeader("webhook-id", equalTo("msg_1"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("X-Answer", "a", "b")
                        .withBody("created")));
        var request = HttpRequest.newBuilder(URI.create(peer.baseUrl() + "/hook"))
                .header("webhook-id", "msg_1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .build();

        HttpResponse<Void> discarded = local.send(request, HttpResponse.BodyHandlers.discarding());
        HttpResponse<byte[]> bytes = local.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(discarded.statusCode()).isEqualTo(201);
        assertThat(bytes.statusCode()).isEqualTo(201);
        assertThat(bytes.body()).asString().isEqualTo("created");
        assertThat(bytes.headers().allValues("x-answer")).containsExactly("a", "b");
        assertThat(bytes.uri()).isEqualTo(request.uri());
        peer.verify(2, postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalTo("{\"a\":1}")));
    }
}
