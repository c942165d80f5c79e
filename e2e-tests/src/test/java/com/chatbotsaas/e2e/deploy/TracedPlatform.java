package com.chatbotsaas.e2e.deploy;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Some services of the suite started with {@code bin/platform up --otel}: the OpenTelemetry Java agent attached, its
 * spans written by the logging exporter into each service's log, where {@link #spans()} reads them back. The run has
 * its own ports, run directory, database and exchange, so it shares nothing with the e2e suite or other tests.
 */
final class TracedPlatform implements AutoCloseable {

    static final int PORT_OFFSET = 11000;
    static final String DATABASE = "chatbot_saas_tracing";

    /** {@code LoggingSpanExporter - 'name' : trace span KIND [tracer: scope] attributes}. */
    private static final Pattern SPAN = Pattern.compile(
            "LoggingSpanExporter - '(.*)' : ([0-9a-f]{32}) ([0-9a-f]{16}) ([A-Z]+) \\[tracer: ([^]]*)] (.*)");

    private final Map<String, String> environment = new HashMap<>();
    private final Path runDirectory;
    private final List<String> services;

    private TracedPlatform(List<String> services) {
        this.services = services;
        this.runDirectory = ReactorServices.root().resolve(".run/tracing");
        environment.putAll(PlatformTestEnvironment.properties());
        environment.put("DB_URL", TestInfrastructure.get().jdbcUrl(DATABASE));
        environment.put("DB_NAME", DATABASE);
        environment.put("EVENTS_EXCHANGE", "test.tracing.platform.events");
        environment.put("NOTIFICATIONS_EXCHANGE", "test.tracing.platform.notifications");
        environment.put("EVENTS_QUEUE_PREFIX", "test.tracing.");
        environment.put("PLATFORM_PORT_OFFSET", String.valueOf(PORT_OFFSET));
        environment.put("PLATFORM_RUN_DIR", runDirectory.toString());
        environment.put("PLATFORM_KEYCLOAK", "external");
        environment.put("PLATFORM_SERVICES", String.join(" ", services));
        environment.put("PLATFORM_READY_TIMEOUT", "480");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // The agent's own configuration: spans into the log, quickly, with the request id as an attribute.
        environment.put("OTEL_TRACES_EXPORTER", "logging");
        environment.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        environment.put("OTEL_INSTRUMENTATION_HTTP_SERVER_CAPTURE_REQUEST_HEADERS", "x-request-id");
    }

    static TracedPlatform start(String... services) {
        TracedPlatform platform = new TracedPlatform(List.of(services));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> platform.platform("down")));
        platform.platform("up", "--no-build", "--otel");
        return platform;
    }

    String gatewayUrl() {
        return "http://localhost:" + (8080 + PORT_OFFSET);
    }

    /** Every span the services have exported so far. */
    List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (String service : services) {
            Path log = runDirectory.resolve("logs/" + service + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(log)) {
                lines.forEach(line -> {
                    Matcher matcher = SPAN.matcher(line);
                    if (matcher.find()) {
                        spans.add(new Span(
                                service,
                                matcher.group(1),
                                matcher.group(2),
                                matcher.group(3),
                                matcher.group(4),
                                matcher.group(5),
                                matcher.group(6)));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return spans;
    }

    @Override
    public void close() {
        platform("down");
    }

    private void platform(String... arguments) {
        List<String> command = new ArrayList<>(
                List.of(ReactorServices.root().resolve("bin/platform").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ReactorServices.root().toFile())
                .inheritIO();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(12, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroy();
                throw new IllegalStateException(
                        "bin/platform " + String.join(" ", arguments) + " failed; see " + runDirectory.resolve("logs"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One exported span: the service that exported it, its name, ids, kind, instrumentation and attributes. */
    record Span(
            String service,
            String name,
            String traceId,
            String spanId,
            String kind,
            String instrumentation,
            String attributes) {

        boolean hasRequestId(String requestId) {
            return attributes.contains("http.request.header.x-request-id=[" + requestId + "]");
        }

        @Override
        public String toString() {
            return service + " " + kind + " '" + name + "' " + traceId + " (" + instrumentation + ")";
        }
    }
}
