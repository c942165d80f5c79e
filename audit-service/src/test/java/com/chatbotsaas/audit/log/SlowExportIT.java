package com.chatbotsaas.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exports that a client reads slowly (or not at all) must not hold database connections while they wait for the
 * client: otherwise ten of them take the whole pool (10) and every other read of the service stalls.
 */
class SlowExportIT extends AuditIntegrationTest {

    /** Well beyond what the socket buffers of both ends hold, so that the service blocks writing to each client. */
    private static final int RECORDS = 40_000;

    private static final int SLOW_EXPORTS = 10;

    private final List<Socket> readers = new ArrayList<>();
    private String orgId = "";

    @AfterEach
    void closeReadersAndForgetRecords() throws Exception {
        for (Socket reader : readers) {
            reader.close();
        }
        try (Connection db = TestInfrastructure.get().adminConnection();
                PreparedStatement delete =
                        db.prepareStatement("delete from audit.audit_log where organization_id = ?::uuid")) {
            delete.setString(1, orgId);
            delete.executeUpdate();
        }
    }

    @Test
    void tenStalledExportsLeaveConnectionsForOtherReads() throws Exception {
        orgId = UUID.randomUUID().toString();
        String token = keycloak.login(keycloak.createUser()).accessToken();
        userOrg.grant(token, orgId, "custom", Set.of("audit.export", "audit.read"));
        SeededRecords.insert(orgId, RECORDS);

        for (int i = 0; i < SLOW_EXPORTS; i++) {
            readers.add(startStalledExport(token));
        }

        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://localhost:" + port + "/api/v1/organizations/" + orgId + "/audit-logs"))
                            .header("Authorization", "Bearer " + token)
                            // Below the pool's 5 s connection timeout: a read that waited for a connection fails here.
                            .timeout(Duration.ofSeconds(4))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        }
    }

    /** Asks for an export, reads the first bytes of the body, then reads no more. */
    private Socket startStalledExport(String token) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 2000);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/organizations/" + orgId + "/audit-logs/export?format=ndjson HTTP/1.1\r\n"
                        + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] first = new byte[2048];
        int read = in.readNBytes(first, 0, first.length);
        assertThat(new String(first, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        return socket;
    }
}
