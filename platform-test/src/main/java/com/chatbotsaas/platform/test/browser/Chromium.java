package com.chatbotsaas.platform.test.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium}) for tests that need a real browser's behaviour, such as CORS. The
 * machine provides it ({@code .ci/run} installs {@link #PACKAGES}); a test never installs software itself. Each
 * {@link #open} is a fresh browser with an empty profile; closing it ends the browser and all its processes.
 *
 * <pre>
 * try (Chromium.Session browser = Chromium.open("http://127.0.0.1:8000/page")) {
 *     await().until(() -> pageReportedItsResult());
 * }
 * </pre>
 */
public final class Chromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");

    /** The Debian packages that provide the browser and its WebDriver. */
    public static final List<String> PACKAGES = List.of("chromium", "chromium-driver");

    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage");

    private Chromium() {}

    /** The browser binary; fails with the packages to install when it is missing. */
    public static Path requireInstalled() {
        return requireExecutable(BINARY);
    }

    static Path requireExecutable(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("Chromium is not installed (no " + binary + "). Install Debian's packages "
                    + String.join(" and ", PACKAGES) + " (as root: apt-get install -y --no-install-recommends "
                    + String.join(" ", PACKAGES) + "), as .ci/run does, and run the tests again");
        }
        return binary;
    }

    /** A new headless browser with an empty profile, loading the URL (use loopback addresses only). */
    public static Session open(String url) {
        Path binary = requireInstalled();
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            Path log = profile.resolveSibling(profile.getFileName() + ".log");
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.add(url);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new Session(process, profile, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
    }

    /** A running browser; {@link #close} ends it and removes its profile. */
    public static final class Session implements AutoCloseable {

        private final Process process;
        private final Path profile;
        private final Path log;

        private Session(Process process, Path profile, Path log) {
            this.process = process;
            this.profile = profile;
            this.log = log;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** What the browser wrote to its console so far, for failure messages. */
        public String log() {
            try {
                return Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                return "(log unreadable: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : all) {
                try {
                    handle.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            }
            deleteRecursively(profile);
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temp file; the OS cleans up
            }
        }

        private static void deleteRecursively(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temp directory; the OS cleans up
            }
        }
    }
}
