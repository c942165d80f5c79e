package com.chatbotsaas.e2e;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.infra.TestInfrastructure.ProjectPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite, each service in its own JVM from its own jar, started with {@code bin/platform} exactly as a
 * developer runs it — on ports offset by 10000, against the test database, the test exchange and the build's test
 * Keycloak — once per test run, and stopped when the tests end.
 */
final class Suite {

    static final int PORT_OFFSET = 10000;
    private static Suite instance;

    private final Map<String, String> environment;

    private Suite(Map<String, String> environment) {
        this.environment = environment;
    }

    static synchronized Suite get() {
        if (instance == null) {
            Map<String, String> environment = new java.util.HashMap<>(PlatformTestEnvironment.properties());
            environment.put("PLATFORM_PORT_OFFSET", String.valueOf(PORT_OFFSET));
            environment.put("PLATFORM_RUN_DIR", root().resolve(".run/e2e").toString());
            environment.put("PLATFORM_KEYCLOAK", "external");
            environment.put("DB_NAME", "chatbot_saas_test");
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            // Every test client comes from 127.0.0.1 and some tests produce thousands of actions: the gateway's
            // rate limits are proven by its own tests, not here.
            environment.put("RATE_LIMIT_CREDENTIALS_CAPACITY", "1000");
            environment.put("RATE_LIMIT_CREDENTIALS_REFILL_PER_SECOND", "100");
            environment.put("RATE_LIMIT_API_CAPACITY", "100000");
            environment.put("RATE_LIMIT_API_REFILL_PER_SECOND", "10000");
            environment.put("RATE_LIMIT_WIDGET_CAPACITY", "100000");
            environment.put("RATE_LIMIT_WIDGET_REFILL_PER_SECOND", "10000");
            // Webhook receivers of the tests listen on this machine; only notification-service reads these.
            environment.put("WEBHOOK_REQUIRE_HTTPS", "false");
            environment.put("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
            // Emails go to the suite's own SMTP server, where the tests read them as their recipients would.
            environment.put("SMTP_HOST", "127.0.0.1");
            environment.put("SMTP_PORT", String.valueOf(Mailbox.start()));
            Suite suite = new Suite(environment);
            // Registered first: a failed start must still stop what it started.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> suite.platform("down")));
            suite.platform("up", "--no-build");
            instance = suite;
        }
        return instance;
    }

    String gatewayUrl() {
        return "http://localhost:" + (8080 + PORT_OFFSET);
    }

    String serviceUrl(int defaultPort) {
        return "http://localhost:" + (defaultPort + PORT_OFFSET);
    }

    /** Kills a service's process at once (SIGKILL), as a crash would. */
    void kill(String service) {
        Path pidFile = root().resolve(".run/e2e/pids/" + service + ".pid");
        try {
            long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
            ProcessHandle process =
                    ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " is not running"));
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot kill " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts again whatever of the suite is not running, and waits until it is ready. */
    void up() {
        platform("up", "--no-build");
    }

    private void platform(String... arguments) {
        List<String> command =
                new java.util.ArrayList<>(List.of(root().resolve("bin/platform").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root().toFile()).inheritIO();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/platform " + String.join(" ", arguments) + " failed; see "
                        + root().resolve(".run/e2e/logs"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path root() {
        return ProjectPaths.root();
    }
}
