package com.chatbotsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversation streams (SSE) hold a connection towards chatbot-service for as long as they are open: they are capped
 * per user and in all, so that they never take the whole pool and ordinary calls keep answering.
 */
class StreamLimitIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<InputStream> open = new ArrayList<>();

    @Autowired
    MeterRegistry meters;

    /** The caps are per instance and shared by the tests: each starts once earlier streams have let go. */
    @BeforeEach
    void noStreamOpen() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.find("gateway.streams.active").gauge() != null
                        && meters.find("gateway.streams.active").gauge().value() == 0);
    }

    @AfterEach
    void closeStreams() throws IOException {
        for (InputStream stream : open) {
            stream.close();
        }
    }

    @Test
    void aUsersStreamsPastTheCapGet429WhileAnotherUsersOrdinaryCallAnswers() throws Exception {
        String user = userToken();
        String stream = streamPath();

        int refused = 0;
        for (int i = 0; i < 3 * STREAMS_PER_USER; i++) {
            HttpResponse<InputStream> response = openStream(user, stream);
            if (response.statusCode() == 429) {
                refused++;
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(JSON.readTree(body).path("error_code").asString()).isEqualTo("RATE_LIMITED");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }

        assertThat(refused).isEqualTo(2 * STREAMS_PER_USER);
        assertThat(gatewayFrom(randomClientIp())
                        .withToken(userToken())
                        .get("/api/v1/organizations/" + UUID.randomUUID() + "/chatbots")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void streamsOfAllUsersTogetherStayBelowTheGlobalCapAndAClosedStreamGivesItsPlaceBack() throws Exception {
        int admitted = 0;
        int refused = 0;
        // Users each under their own cap, until the instance's cap is reached.
        for (int u = 0; u < 3; u++) {
            String user = userToken();
            for (int i = 0; i < STREAMS_PER_USER; i++) {
                int status = openStream(user, streamPath()).statusCode();
                if (status == 200) {
                    admitted++;
                } else {
                    assertThat(status).isEqualTo(429);
                    refused++;
                }
            }
        }
        assertThat(admitted).isEqualTo(STREAMS_TOTAL);
        assertThat(refused).isEqualTo(3 * STREAMS_PER_USER - STREAMS_TOTAL);
        assertThat(gatewayFrom(randomClientIp())
                        .withToken(userToken())
                        .get("/api/v1/organizations/" + UUID.randomUUID() + "/chatbots")
                        .status())
                .as("an ordinary call to the same service")
                .isEqualTo(200);

        open.removeFirst().close();
        String another = userToken();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> openStream(another, streamPath()).statusCode() == 200);
    }

    private HttpResponse<InputStream> openStream(String token, String path) throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream")
                        .header("X-Forwarded-For", randomClientIp())
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            open.add(response.body());
        }
        return response;
    }

    private static String streamPath() {
        return "/api/v1/organizations/" + UUID.randomUUID() + "/chatbots/" + UUID.randomUUID() + "/conversations/"
                + UUID.randomUUID() + "/stream";
    }
}
