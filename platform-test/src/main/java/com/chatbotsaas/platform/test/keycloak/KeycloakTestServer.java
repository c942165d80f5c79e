package com.chatbotsaas.platform.test.keycloak;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Keycloak of the test suite: one server per checkout, started from the official distribution by the first test
 * JVM that needs it and reused by every later one (it outlives the JVM that started it). A server is reused while
 * its realm answers and the realm file is unchanged since it was imported; otherwise it is restarted from an empty
 * database, which imports {@code keycloak/chatbot-saas-realm.json} again.
 *
 * <p>Port 18180 (management 19180), or {@code KEYCLOAK_TEST_PORT} (system property or environment variable) and that
 * plus 1000. Files live under {@code <root>/.run/keycloak/test/}: {@code keycloak.log}, {@code keycloak.pid},
 * {@code realm.sha256}.
 */
public final class KeycloakTestServer {

    public static final String REALM = "chatbot-saas";
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    static final String INSTANCE = "test";
    private static final int DEFAULT_PORT = 18180;
    private static final int MANAGEMENT_PORT_OFFSET = 1000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final int port;
    private final int managementPort;

    private KeycloakTestServer(int port) {
        this.port = port;
        this.managementPort = port + MANAGEMENT_PORT_OFFSET;
    }

    /** Starts the shared server unless a current one already answers; returns within milliseconds when reused. */
    public static synchronized KeycloakTestServer ensureRunning() {
        KeycloakInstance instance = KeycloakInstance.shared(INSTANCE);
        KeycloakTestServer server = new KeycloakTestServer(configuredPort());
        String realmHash = sha256(instance.realmFile());
        return instance.withLock(() -> {
            Path hashFile = hashFile(instance);
            boolean sameRealm = Files.isRegularFile(hashFile)
                    && Files.readString(hashFile).strip().equals(realmHash);
            if (sameRealm && server.realmAnswers()) {
                return server;
            }
            instance.stopLocked();
            Files.deleteIfExists(hashFile);
            server.requireFreePorts(instance);
            instance.prepareLocked();
            server.start(instance);
            Files.writeString(hashFile, realmHash + "\n");
            return server;
        });
    }

    /** Stops the shared server (by its pid file); {@code true} when one was running. */
    public static synchronized boolean stop() {
        KeycloakInstance instance = KeycloakInstance.shared(INSTANCE);
        return instance.withLock(() -> {
            Files.deleteIfExists(hashFile(instance));
            return instance.stopLocked();
        });
    }

    /** For example {@code http://localhost:18180}. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String realm() {
        return REALM;
    }

    /** The {@code iss} of every token of the realm, fixed by {@code --hostname}. */
    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** Base of the admin REST API for the realm, e.g. {@code …/admin/realms/chatbot-saas}. */
    public String adminUrl() {
        return baseUrl() + "/admin/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    @Override
    public String toString() {
        return "KeycloakTestServer[" + issuer() + "]";
    }

    private static int configuredPort() {
        String configured = System.getProperty("KEYCLOAK_TEST_PORT", System.getenv("KEYCLOAK_TEST_PORT"));
        if (configured == null || configured.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KEYCLOAK_TEST_PORT is not a port: " + configured, e);
        }
    }

    private static Path hashFile(KeycloakInstance instance) {
        return instance.home().resolve("realm.sha256");
    }

    private void start(KeycloakInstance instance) throws IOException {
        // An empty database is what makes --import-realm import the realm file (it skips existing realms).
        Path data = instance.home().resolve("data");
        KeycloakInstance.deleteRecursively(data);
        Path imports = Files.createDirectories(data.resolve("import"));
        Files.copy(instance.realmFile(), imports.resolve(instance.realmFile().getFileName()));

        List<String> command = new ArrayList<>();
        // A session of its own: a Ctrl-C sent to the build's process group must not stop the shared server.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(
                "/bin/sh",
                instance.home().resolve("bin/kc.sh").toString(),
                "start",
                "--optimized",
                "--import-realm",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--hostname=" + baseUrl(),
                // One node, no JGroups cluster stack; a run-time option (`kc.sh build` ignores it).
                "--cache=local",
                "--log-console-color=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(instance.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(instance.logFile().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        KeycloakInstance.configureEnvironment(builder.environment());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);

        Process process = builder.start();
        try {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            // Readiness lives on the management port; the realm's discovery document proves the import is done.
            awaitOk(process, URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), deadline, instance);
            awaitOk(process, wellKnown(), deadline, instance);
        } catch (RuntimeException e) {
            KeycloakInstance.terminate(process.toHandle());
            throw e;
        }
        // Record the Keycloak JVM itself rather than the kc.sh wrapper, so that stop() signals the server directly.
        long pid = process.descendants()
                .filter(child ->
                        child.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst()
                .orElse(process.toHandle())
                .pid();
        Files.writeString(instance.pidFile(), pid + "\n");
    }

    private void awaitOk(Process process, URI uri, Instant deadline, KeycloakInstance instance) {
        while (!answersOk(uri)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Keycloak did not answer " + uri + " within " + START_TIMEOUT + "\n"
                        + KeycloakInstance.tail(instance.logFile()));
            }
            try {
                // Waits one poll interval, and returns early if the server dies.
                process.onExit().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + " while starting\n"
                        + KeycloakInstance.tail(instance.logFile()));
            } catch (TimeoutException stillStarting) {
                // poll again
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
        }
    }

    private boolean realmAnswers() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(wellKnown())
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && issuer().equals(JsonMapper.shared()
                            .readTree(response.body())
                            .path("issuer")
                            .asString(""));
        } catch (IOException | JacksonException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean answersOk(URI uri) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    private void requireFreePorts(KeycloakInstance instance) {
        for (int each : List.of(port, managementPort)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", each), 500);
                throw new IllegalStateException("Port " + each + " is taken by a process that " + instance.pidFile()
                        + " does not name; stop it or choose other ports with KEYCLOAK_TEST_PORT");
            } catch (IOException free) {
                // nothing listens: good
            }
        }
    }

    private URI wellKnown() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
