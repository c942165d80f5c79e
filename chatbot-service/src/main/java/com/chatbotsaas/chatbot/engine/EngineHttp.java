package com.chatbotsaas.chatbot.engine;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.platform.outbound.GuardedHttpClient;
import com.chatbotsaas.platform.outbound.OutboundRefusedException;
import com.chatbotsaas.platform.web.ErrorCode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Outbound HTTP of the remote engines: the platform's guarded client (the SSRF guard on the URL and on every redirect
 * hop), a timeout, and a circuit breaker per chatbot so that a broken endpoint fails fast.
 */
@Component
class EngineHttp {

    private final Duration timeout;
    private final long maxResponseBytes;
    private final int maxReplyChars;
    private final GuardedHttpClient client;
    private final CircuitBreakerRegistry breakers;

    EngineHttp(GuardedHttpClient client, ChatbotProperties properties) {
        this.client = client;
        this.timeout = properties.engines().timeout();
        this.maxResponseBytes = properties.engines().maxResponseSize().toBytes();
        this.maxReplyChars = properties.engines().maxReplyChars();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .build());
    }

    /**
     * POSTs JSON and returns the response (status 2xx) with its body as a stream, which the caller must close.
     *
     * @param breaker the circuit breaker's name, e.g. the chatbot id
     */
    HttpResponse<InputStream> postJson(String breaker, URI uri, String json, Map<String, String> headers)
            throws EngineException, InterruptedException {
        CircuitBreaker circuit = breakers.circuitBreaker(breaker);
        if (!circuit.tryAcquirePermission()) {
            throw new EngineException(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The engine's circuit breaker is open",
                    CallNotPermittedException.createCallNotPermittedException(circuit));
        }
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = send(uri, json, headers);
            circuit.onSuccess(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            return response;
        } catch (EngineException e) {
            circuit.onError(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS, e);
            throw e;
        } catch (InterruptedException e) {
            circuit.releasePermission();
            throw e;
        }
    }

    /** The answer's body, of which reading more than the configured size fails ({@link BoundedInputStream.TooLarge}). */
    InputStream body(HttpResponse<InputStream> response) {
        return new BoundedInputStream(response.body(), maxResponseBytes);
    }

    /** Fails the attempt when the reply is longer than may be stored. */
    void checkLength(CharSequence reply) throws EngineException {
        if (reply.length() > maxReplyChars) {
            throw new EngineException(
                    ErrorCode.UPSTREAM_ERROR, "The engine's reply is longer than " + maxReplyChars + " characters");
        }
    }

    static EngineException tooLarge(BoundedInputStream.TooLarge e) {
        return new EngineException(ErrorCode.UPSTREAM_ERROR, e.getMessage(), e);
    }

    private HttpResponse<InputStream> send(URI uri, String json, Map<String, String> headers)
            throws EngineException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (OutboundRefusedException e) {
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "Engine URL refused: " + e.getMessage(), e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new EngineException(ErrorCode.UPSTREAM_TIMEOUT, "The engine did not answer in time", e);
        } catch (IOException e) {
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "The engine cannot be reached", e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            close(response);
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "The engine answered " + status);
        }
        return response;
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Nothing more to read.
        }
    }
}
