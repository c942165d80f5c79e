package com.chatbotsaas.chatbot.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a server-sent-events stream in the background and lets a test wait for the events it expects. */
public final class SseRecorder implements AutoCloseable {

    /** One event: its name and data. */
    public record Event(String name, String data) {}

    private final List<Event> events = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private SseRecorder(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        this.response = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .whenComplete((r, e) -> {
                    if (e != null) {
                        opened.completeExceptionally(e);
                        return;
                    }
                    Thread.ofVirtual().start(() -> {
                        try {
                            read(r.body());
                        } catch (RuntimeException ignored) {
                            // The stream broke off: it ended all the same.
                        } finally {
                            ended.complete(null);
                        }
                    });
                });
    }

    /** Opens the stream and waits until the server said it is connected. */
    public static SseRecorder open(String url, Map<String, String> headers) {
        SseRecorder recorder = new SseRecorder(url, headers);
        recorder.opened.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        return recorder;
    }

    private void read(Stream<String> lines) {
        String name = "message";
        StringBuilder data = new StringBuilder();
        for (var iterator = lines.iterator(); iterator.hasNext(); ) {
            String line = iterator.next();
            if (line.startsWith(":")) {
                opened.complete(null);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            } else if (line.isEmpty() && !data.isEmpty()) {
                synchronized (events) {
                    events.add(new Event(name, data.toString()));
                    events.notifyAll();
                }
                name = "message";
                data.setLength(0);
            }
        }
    }

    /** Whether the server ended the stream (or it broke off). */
    public boolean ended() {
        return ended.isDone();
    }

    public Event await(Predicate<Event> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (events) {
            while (true) {
                for (Event event : events) {
                    if (matching.test(event)) {
                        return event;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("No matching event within " + timeout + "; got " + events);
                }
                try {
                    events.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    public List<Event> all(String name) {
        synchronized (events) {
            return events.stream().filter(e -> e.name().equals(name)).toList();
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
