package com.chatbotsaas.platform.test.keycloak;

import static java.nio.file.StandardCopyOption.COPY_ATTRIBUTES;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One runnable copy of the Keycloak distribution under {@code <root>/.run/keycloak/<name>/}, so that the test server
 * and the dev server ({@code bin/platform}) never share a data directory.
 *
 * <p>Also a command line for scripts; it needs nothing but the JDK, so it runs straight from source:
 *
 * <pre>
 * java platform-test/src/main/java/com/chatbotsaas/platform/test/keycloak/KeycloakInstance.java prepare dev
 * java platform-test/src/main/java/com/chatbotsaas/platform/test/keycloak/KeycloakInstance.java stop dev
 * </pre>
 */
final class KeycloakInstance {

    /** Must match {@code keycloak.version} in the poms, which unpack this version of the distribution. */
    static final String DEFAULT_VERSION = "26.7.3";

    /** Build-time options: `kc.sh build` bakes them in once so that `start --optimized` skips the slow rebuild. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");

    private static final String REALM_FILE = "keycloak/chatbot-saas-realm.json";
    private static final String PREPARED_MARKER = ".prepared";
    private static final long BUILD_TIMEOUT_MINUTES = 10;

    private final Path root;
    private final String name;
    private final Path home;

    private KeycloakInstance(Path root, String name, Path home) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("Instance name must be [a-z0-9-]+: " + name);
        }
        this.root = root;
        this.name = name;
        this.home = home;
    }

    /** The instance {@code name} of this checkout (see {@link #platformRoot()}), under its {@code .run/keycloak/}. */
    static KeycloakInstance named(String name) {
        Path root = platformRoot();
        return new KeycloakInstance(
                root, name, root.resolve(".run").resolve("keycloak").resolve(name));
    }

    /**
     * The instance {@code name} of this machine, shared by every checkout: its ports are the machine's, so its pid
     * file, lock and realm hash must be too, or a second checkout would find the port taken by a server it cannot
     * see. Lives in {@code KEYCLOAK_SHARED_HOME} or {@code ~/.cache/chatbot-saas/keycloak/}.
     */
    static KeycloakInstance shared(String name) {
        String configured = System.getenv("KEYCLOAK_SHARED_HOME");
        Path base = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "chatbot-saas", "keycloak")
                : Path.of(configured);
        return new KeycloakInstance(platformRoot(), name, base.resolve(name));
    }

    /**
     * The reactor root: system property {@code platform.root} (set by Surefire and Failsafe), else the nearest
     * directory at or above the working directory that holds the realm file.
     */
    static Path platformRoot() {
        String configured = System.getProperty("platform.root", "");
        if (!configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (Files.isRegularFile(root.resolve(REALM_FILE))) {
                return root;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(REALM_FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the platform root: no " + REALM_FILE + " above "
                + Path.of("").toAbsolutePath() + " and system property platform.root is '" + configured + "'");
    }

    String name() {
        return name;
    }

    /** The Keycloak home of this instance ({@code bin/kc.sh}, {@code data/}, …). */
    Path home() {
        return home;
    }

    Path realmFile() {
        return root.resolve(REALM_FILE);
    }

    Path logFile() {
        return home.resolve("keycloak.log");
    }

    Path pidFile() {
        return home.resolve("keycloak.pid");
    }

    Path lockFile() {
        return home.resolveSibling(name + ".lock");
    }

    Path distribution() {
        String version = System.getProperty("keycloak.version", DEFAULT_VERSION);
        return root.resolve(".run").resolve("keycloak").resolve("dist").resolve("keycloak-" + version);
    }

    /** Copies the distribution and runs {@code kc.sh build} unless already done with the same version and options. */
    void prepare() {
        withLock(this::prepareLocked);
    }

    /** Stops the server recorded in the pid file, if it still runs; {@code true} when there was one. */
    boolean stop() {
        return withLock(this::stopLocked);
    }

    <T> T withLock(IoAction<T> action) {
        try {
            Files.createDirectories(lockFile().getParent());
            // Cross-JVM exclusion: Maven runs each module's tests in its own JVM, possibly in parallel.
            try (FileChannel channel = FileChannel.open(lockFile(), CREATE, WRITE);
                    FileLock ignored = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while working on Keycloak instance " + name, e);
        }
    }

    /** {@code true} when it built the instance, {@code false} when it was prepared already. */
    boolean prepareLocked() throws IOException, InterruptedException {
        Path distribution = distribution();
        String marker = distribution.getFileName() + " " + String.join(" ", BUILD_OPTIONS);
        Path markerFile = home.resolve(PREPARED_MARKER);
        if (Files.isRegularFile(markerFile)
                && Files.readString(markerFile).strip().equals(marker)) {
            return false;
        }
        if (!Files.isRegularFile(distribution.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak distribution not found at " + distribution
                    + "; run `./mvnw -pl platform-test generate-resources` to unpack it");
        }
        if (runningProcess().isPresent()) {
            throw new IllegalStateException("Keycloak instance " + name + " is running; stop it before preparing");
        }
        Files.deleteIfExists(markerFile);
        // Replace the distribution's own entries but keep data/ (the dev instance's database) and our files.
        try (Stream<Path> entries = Files.list(distribution)) {
            for (Path entry : entries.toList()) {
                deleteRecursively(home.resolve(entry.getFileName().toString()));
            }
        }
        copyRecursively(distribution, home);

        List<String> command =
                new ArrayList<>(List.of("/bin/sh", home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        Path buildLog = home.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(buildLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        configureEnvironment(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("kc.sh build timed out; see " + buildLog + "\n" + tail(buildLog));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "kc.sh build failed with exit code " + process.exitValue() + "\n" + tail(buildLog));
        }
        Files.writeString(markerFile, marker + "\n");
        return true;
    }

    boolean stopLocked() throws IOException {
        Optional<ProcessHandle> process = runningProcess();
        process.ifPresent(KeycloakInstance::terminate);
        Files.deleteIfExists(pidFile());
        return process.isPresent();
    }

    /** The live process recorded in the pid file, if its command line still names this instance (pids get reused). */
    Optional<ProcessHandle> runningProcess() throws IOException {
        if (!Files.isRegularFile(pidFile())) {
            return Optional.empty();
        }
        String pid = Files.readString(pidFile()).strip();
        if (!pid.matches("\\d+")) {
            return Optional.empty();
        }
        String homePath = home.toString();
        return ProcessHandle.of(Long.parseLong(pid))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .commandLine()
                        .map(line -> line.contains(homePath))
                        .orElse(false));
    }

    /** The services that have a confidential client of their own in the realm. */
    static final List<String> SERVICE_CLIENTS =
            List.of("auth-service", "user-org-service", "chatbot-service", "audit-service", "notification-service");

    /**
     * The secret of a service's client: its {@code <CLIENT>_CLIENT_SECRET} variable, else the development value. Kept
     * here, with nothing but the JDK, because scripts run this class straight from source.
     */
    static String clientSecret(String clientId) {
        String value = System.getenv(clientSecretVariable(clientId));
        return value == null || value.isBlank() ? clientId + "-dev-secret" : value;
    }

    private static String clientSecretVariable(String clientId) {
        return clientId.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
    }

    /** The environment Keycloak runs with: the JDK running this code, and nothing inherited that reconfigures it. */
    static void configureEnvironment(Map<String, String> environment) {
        environment
                .keySet()
                .removeIf(key -> key.startsWith("KC_")
                        || List.of("JAVA", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")
                                .contains(key));
        // The machine's default java may be older than Keycloak needs.
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // The realm file has no default client secrets: the test realm gets the development ones (or the caller's).
        for (String client : SERVICE_CLIENTS) {
            environment.put(clientSecretVariable(client), clientSecret(client));
        }
        // The console's address, which the public client's redirect URIs are built from.
        environment.putIfAbsent("PUBLIC_BASE_URL", "http://localhost:3000");
    }

    /** SIGTERM (Keycloak shuts down gracefully), then SIGKILL whatever is still alive after 30 s. */
    static void terminate(ProcessHandle process) {
        List<ProcessHandle> tree =
                Stream.concat(process.descendants(), Stream.of(process)).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
                return;
            }
        }
    }

    static String tail(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return "(no " + file + ")";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "--- last lines of " + file + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    private static void copyRecursively(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // COPY_ATTRIBUTES keeps the scripts' execute bits.
                Files.copy(file, target.resolve(source.relativize(file).toString()), COPY_ATTRIBUTES, REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@code prepare <name>} or {@code stop <name>}; prints the instance's home. */
    public static void main(String[] args) {
        if (args.length != 2 || !List.of("prepare", "stop").contains(args[0])) {
            System.err.println("usage: KeycloakInstance prepare|stop <instance-name>");
            System.exit(2);
        }
        // The test instance is the machine's (see shared); any other, such as dev, belongs to this checkout.
        KeycloakInstance instance = "test".equals(args[1]) ? shared(args[1]) : named(args[1]);
        if (args[0].equals("prepare")) {
            instance.prepare();
        } else {
            instance.stop();
        }
        System.out.println(instance.home());
    }

    @FunctionalInterface
    interface IoAction<T> {
        T run() throws IOException, InterruptedException;
    }
}
