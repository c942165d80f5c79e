package com.chatbotsaas.auth.testing;

import com.chatbotsaas.platform.test.PlatformTestEnvironment;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records, for the whole integration test run, every event on the test events exchange and everything written to
 * standard out and error (the services' log lines), and the secrets the tests used: passwords, tokens, client
 * secrets. {@code SecretLeakScanIT} runs last and looks for the secrets in the recording. Registered as a JUnit
 * launcher listener, so it starts before the first test class and its Spring context.
 */
public final class SuiteRecorder implements TestExecutionListener {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Set<String> PLANNED_CLASSES = ConcurrentHashMap.newKeySet();
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static final List<Message> MESSAGES = new ArrayList<>();
    private static @Nullable Connection connection;
    private static @Nullable PrintStream originalOut;
    private static @Nullable PrintStream originalErr;

    /** Remembers a value that must appear in no event and no log line. */
    public static String secret(String value) {
        SECRETS.add(value);
        return value;
    }

    public static Set<String> secrets() {
        return Set.copyOf(SECRETS);
    }

    public static synchronized boolean recording() {
        return connection != null;
    }

    /** Every message on the test events exchange so far, from any producer, as it arrived. */
    public static List<Message> messages() {
        synchronized (MESSAGES) {
            return List.copyOf(MESSAGES);
        }
    }

    public static String output() {
        synchronized (OUTPUT) {
            return OUTPUT.toString(StandardCharsets.UTF_8);
        }
    }

    /** The simple names of the test classes of this run. */
    public static Set<String> plannedClasses() {
        return Set.copyOf(PLANNED_CLASSES);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                test.getSource()
                        .filter(ClassSource.class::isInstance)
                        .map(source -> ((ClassSource) source).getJavaClass().getSimpleName())
                        .ifPresent(PLANNED_CLASSES::add);
            }
        }
        // Unit test runs need no broker.
        if (PLANNED_CLASSES.stream().anyMatch(name -> name.endsWith("IT"))) {
            start();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        stop();
    }

    private static synchronized void start() {
        connection = listen();
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    }

    private static synchronized void stop() {
        if (originalOut != null) {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // The broker may already be gone.
            }
            connection = null;
        }
    }

    /**
     * Binds a private queue to everything on the test exchange. Bodies are kept as text, never parsed here: other
     * modules' tests publish deliberately malformed messages on the same exchange, and a consumer that throws would
     * lose its channel and record nothing more.
     */
    private static Connection listen() {
        try {
            Connection opened = EventProbe.connectionFactory().newConnection("auth-service-suite-recorder");
            Channel channel = opened.createChannel();
            channel.exchangeDeclare(PlatformTestEnvironment.EXCHANGE, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, PlatformTestEnvironment.EXCHANGE, "#");
            channel.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> {
                        synchronized (MESSAGES) {
                            MESSAGES.add(new Message(
                                    delivery.getEnvelope().getRoutingKey(),
                                    new String(delivery.getBody(), StandardCharsets.UTF_8)));
                        }
                    },
                    tag -> {});
            return opened;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot record " + PlatformTestEnvironment.EXCHANGE, e);
        }
    }

    /** A message as it arrived on the exchange. */
    public record Message(String routingKey, String body) {}

    /** Writes through to the original stream and keeps a copy. */
    private static final class Tee extends OutputStream {

        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) throws IOException {
            original.write(b);
            synchronized (OUTPUT) {
                OUTPUT.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            original.write(b, off, len);
            synchronized (OUTPUT) {
                OUTPUT.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
