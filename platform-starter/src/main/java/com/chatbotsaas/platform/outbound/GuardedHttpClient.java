package com.chatbotsaas.platform.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The JDK HTTP client for URLs that tenants choose: every request and every redirect hop passes the
 * {@link OutboundGuard} before a connection is made. Redirects are followed here (at most
 * {@link OutboundProperties#maxRedirects()}), never by the client itself; {@code Authorization} is not carried to
 * another origin.
 */
public class GuardedHttpClient {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final OutboundGuard guard;
    private final HttpClient client;
    private final int maxRedirects;

    public GuardedHttpClient(OutboundGuard guard, OutboundProperties properties) {
        this.guard = guard;
        this.maxRedirects = properties.maxRedirects();
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    /**
     * Sends a request as {@link HttpClient#send} does, checking the URL of each hop first.
     *
     * @throws OutboundRefusedException when a hop points at an address the guard refuses
     * @throws IOException when the peer cannot be reached, times out (the request's own timeout), or redirects too often
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            guard.check(current.uri());
            HttpResponse<T> response = client.send(current, handler);
            Optional<String> location = response.headers().firstValue("location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            discard(response.body());
            if (hop >= maxRedirects) {
                throw new IOException("too many redirects from " + request.uri());
            }
            current = follow(current, response.statusCode(), current.uri().resolve(location.get()));
        }
    }

    private static HttpRequest follow(HttpRequest previous, int status, URI target) {
        boolean keepMethod = status == 307 || status == 308;
        boolean sameOrigin = Objects.equals(origin(previous.uri()), origin(target));
        HttpRequest.Builder next = HttpRequest.newBuilder(target);
        previous.timeout().ifPresent(next::timeout);
        previous.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESTRICTED_HEADERS.contains(lower) || (!sameOrigin && lower.equals("authorization"))) {
                return;
            }
            if (!keepMethod && lower.startsWith("content-")) {
                return;
            }
            values.forEach(value -> next.header(name, value));
        });
        if (keepMethod) {
            next.method(previous.method(), previous.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
        } else {
            next.GET();
        }
        return next.build();
    }

    private static String origin(URI uri) {
        return (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
    }

    private static void discard(Object body) throws IOException {
        if (body instanceof InputStream stream) {
            stream.close();
        } else if (body instanceof java.util.stream.Stream<?> lines) {
            lines.close();
        }
    }
}
