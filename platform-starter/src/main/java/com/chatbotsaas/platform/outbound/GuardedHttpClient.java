package com.chatbotsaas.platform.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client for URLs that tenants choose: every request and every redirect hop passes the {@link OutboundGuard}
 * before a connection is made, and a connection goes only to an address the guard checked — the client resolves each
 * name once, through the guard ({@link GuardedDnsResolver}), so a second, different DNS answer (rebinding) is never
 * used. Redirects are followed here (at most {@link OutboundProperties#maxRedirects()}), never by the client itself;
 * {@code Authorization} is not carried to another origin.
 *
 * <p>Callers build JDK {@link HttpRequest}s and read JDK {@link HttpResponse}s, with any {@link
 * HttpResponse.BodyHandler}; underneath is Apache HttpClient 5 (HTTP/1.1), because the JDK client has no resolver
 * hook. A request's {@link HttpRequest#timeout() timeout} bounds the time until the response's headers, as with the
 * JDK client ({@link HttpTimeoutException}), and also each read of its body.
 */
public class GuardedHttpClient implements AutoCloseable {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final OutboundGuard guard;
    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor deadlines;
    private final int maxRedirects;

    public GuardedHttpClient(OutboundGuard guard, OutboundProperties properties) {
        this.guard = guard;
        this.maxRedirects = properties.maxRedirects();
        Timeout connectTimeout = Timeout.of(properties.connectTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connectTimeout)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        // The JDK client had no limit; webhooks to one receiver go out in parallel.
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(50)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connectTimeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "outbound-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * Sends a request as {@link HttpClient#send} does, checking the URL of each hop first and each address it
     * connects to.
     *
     * @throws OutboundRefusedException when a hop points at an address the guard refuses
     * @throws IOException when the peer cannot be reached, times out (the request's own timeout: {@link
     *     HttpTimeoutException}), or redirects too often
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            guard.checkTarget(current.uri());
            Exchange exchange = open(current);
            int status = exchange.response().getCode();
            Header location = exchange.response().getFirstHeader("location");
            if (!REDIRECTS.contains(status) || location == null) {
                return exchange.deliver(current, handler);
            }
            exchange.abort();
            if (hop >= maxRedirects) {
                throw new IOException("too many redirects from " + request.uri());
            }
            current = follow(current, status, current.uri().resolve(location.getValue()));
        }
    }

    /** Sends one request and answers once its headers arrived; the body is left on the connection. */
    private Exchange open(HttpRequest request) throws IOException, InterruptedException {
        HttpUriRequestBase outgoing = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().map().forEach((name, values) -> values.forEach(value -> outgoing.addHeader(name, value)));
        byte[] body = body(request);
        if (body != null) {
            outgoing.setEntity(new ByteArrayEntity(body, null));
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = null;
        if (request.timeout().isPresent()) {
            Duration timeout = request.timeout().get();
            outgoing.setConfig(RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(timeout))
                    .build());
            deadline = deadlines.schedule(
                    () -> {
                        timedOut.set(true);
                        outgoing.cancel();
                    },
                    timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        try {
            ClassicHttpResponse response = client.executeOpen(null, outgoing, null);
            return new Exchange(outgoing, response);
        } catch (GuardedDnsResolver.Refused e) {
            throw e.refusal();
        } catch (ConnectTimeoutException e) {
            throw withCause(new HttpConnectTimeoutException("connect timed out: " + request.uri()), e);
        } catch (IOException e) {
            if (timedOut.get() || e instanceof SocketTimeoutException) {
                throw withCause(new HttpTimeoutException("request timed out: " + request.uri()), e);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while calling " + request.uri());
            }
            throw e;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    private static <E extends IOException> E withCause(E exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }

    /** The request body's bytes (the JDK publishers callers use are in memory), or null when there is none. */
    private static byte @Nullable [] body(HttpRequest request) throws IOException, InterruptedException {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty()) {
            return null;
        }
        if (publisher.get().contentLength() == 0) {
            String method = request.method();
            return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? new byte[0] : null;
        }
        CompletableFuture<byte[]> collected = new CompletableFuture<>();
        publisher.get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                collected.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                collected.complete(bytes.toByteArray());
            }
        });
        try {
            return collected.get();
        } catch (ExecutionException e) {
            throw new IOException("the request body could not be read", e.getCause());
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

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }

    /** A request whose response headers arrived, its body still on the connection. */
    private record Exchange(HttpUriRequestBase request, ClassicHttpResponse response) {

        /** Closes the connection without reading the rest of the body (which may be endless). */
        void abort() {
            request.cancel();
            try {
                response.close();
            } catch (IOException ignored) {
                // The connection is gone either way.
            }
        }

        /** Hands the body to the caller's handler, as the JDK client would. */
        <T> HttpResponse<T> deliver(HttpRequest sent, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            HttpHeaders headers = headers(response);
            int status = response.getCode();
            HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
                @Override
                public int statusCode() {
                    return status;
                }

                @Override
                public HttpHeaders headers() {
                    return headers;
                }

                @Override
                public HttpClient.Version version() {
                    return HttpClient.Version.HTTP_1_1;
                }
            });
            HttpEntity entity = response.getEntity();
            InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
            BodyPump.start(content, this::abort, subscriber);
            CompletableFuture<T> body = subscriber.getBody().toCompletableFuture();
            try {
                return new Response<>(status, sent, headers, body.get());
            } catch (InterruptedException e) {
                abort();
                throw e;
            } catch (ExecutionException e) {
                abort();
                Throwable cause = e.getCause();
                if (cause instanceof SocketTimeoutException) {
                    throw withCause(new HttpTimeoutException("reading the response timed out: " + sent.uri()), cause);
                }
                throw cause instanceof IOException io ? io : new IOException(cause);
            }
        }

        private static HttpHeaders headers(ClassicHttpResponse response) {
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Header header : response.getHeaders()) {
                map.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
            }
            return HttpHeaders.of(map, (name, value) -> true);
        }
    }

    private record Response<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body)
            implements HttpResponse<T> {

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
