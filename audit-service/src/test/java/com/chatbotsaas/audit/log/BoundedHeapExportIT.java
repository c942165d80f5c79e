package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.userorg.UserOrgStub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A million records exported by the service running with a 64 MB heap (a list of them would need well over a
 * gigabyte): the export streams, the process survives, and every record arrives.
 */
class BoundedHeapExportIT {

    private static final Logger log = LoggerFactory.getLogger(BoundedHeapExportIT.class);
    private static final int RECORDS = 1_000_000;
    private static final String HEAP = "64m";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void streamsAMillionRecordsWithABoundedHeap() throws Exception {
        String orgId = UUID.randomUUID().toString();
        KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
        String token = keycloak.login(keycloak.createUser()).accessToken();
        try (UserOrgStub userOrg = UserOrgStub.start()) {
            userOrg.grant(token, orgId, "custom", Set.of("audit.export"));
            SeededRecords.insert(orgId, RECORDS);
            int port = freePort();
            Process service = start(port, userOrg.url());
            try {
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            assertThat(service.isAlive())
                                    .as("the service is running")
                                    .isTrue();
                            return ready(http, port);
                        });
                Instant started = Instant.now();
                HttpResponse<InputStream> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/organizations/" + orgId
                                        + "/audit-logs/export?format=ndjson"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                long lines = 0;
                String first = null;
                String last = null;
                try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (first == null) {
                            first = line;
                        }
                        last = line;
                        lines++;
                    }
                }
                log.info(
                        "Exported {} records with -Xmx{} in {} s",
                        lines,
                        HEAP,
                        Duration.between(started, Instant.now()).toSeconds());

                assertThat(lines).isEqualTo(RECORDS);
                assertThat(service.isAlive()).isTrue();
                // Newest first: the seed made record n occur n seconds ago.
                assertThat(JSON.readTree(first).path("request_id").asString()).isEqualTo("seed-1");
                assertThat(JSON.readTree(last).path("request_id").asString()).isEqualTo("seed-" + RECORDS);
            } finally {
                service.destroy();
                service.waitFor();
            }
        } finally {
            try (Connection db = TestInfrastructure.get().adminConnection();
                    PreparedStatement delete =
                            db.prepareStatement("delete from audit.audit_log where organization_id = ?::uuid")) {
                delete.setString(1, orgId);
                delete.executeUpdate();
            }
        }
    }

    private static Process start(int port, String userOrgUrl) throws IOException {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("audit-service-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("target/audit-service-*.jar not built"));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(List.of(java, "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "bounded-heap-export.log").toFile());
        builder.environment().putAll(PlatformTestEnvironment.properties("audit-service"));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        // Its own exchange and queues: while it runs (and through its graceful shutdown) it must not consume the
        // events other tests of this module publish on the shared test queue.
        builder.environment().put("EVENTS_EXCHANGE", "test.bounded-export.platform.events");
        builder.environment().put("EVENTS_QUEUE_PREFIX", "test.bounded-export.");
        builder.environment().put("USER_ORG_SERVICE_URL", userOrgUrl);
        return builder.start();
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(
                                                    "http://localhost:" + port + "/actuator/health/readiness"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
