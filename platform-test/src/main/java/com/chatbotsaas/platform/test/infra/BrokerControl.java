package com.chatbotsaas.platform.test.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the local RabbitMQ application (the Erlang node keeps running), for tests that prove nothing is lost
 * while the broker is away. Needs {@code rabbitmqctl}, which every machine of this project has next to the broker.
 */
public final class BrokerControl {

    private BrokerControl() {}

    public static void stop() {
        run(List.of("rabbitmqctl", "stop_app"));
        waitFor(false);
    }

    public static void start() {
        run(List.of("rabbitmqctl", "start_app"));
        run(List.of("rabbitmqctl", "await_startup"));
        waitFor(true);
    }

    private static void waitFor(boolean listening) {
        TestInfrastructure.Endpoint rabbit = TestInfrastructure.get().rabbit();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (accepts(rabbit) == listening) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("RabbitMQ did not " + (listening ? "start" : "stop") + " within 60 s");
    }

    private static boolean accepts(TestInfrastructure.Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " timed out");
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command + " (is rabbitmqctl on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
