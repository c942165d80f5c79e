package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.platform.outbound.GuardedHttpClient;
import com.chatbotsaas.platform.outbound.OutboundRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One delivery attempt over HTTP: the CloudEvent as the body and the Standard Webhooks headers, through the platform's
 * guarded client, which checks the URL and every redirect hop against the SSRF guard before connecting. The answer's
 * status, or the reason there was none, and the latency are reported.
 */
@Component
class WebhookClient {

    static final String USER_AGENT = "chatbot-saas-webhooks/1.0";

    private final GuardedHttpClient http;
    private final Duration timeout;

    WebhookClient(GuardedHttpClient http, NotificationProperties properties) {
        this.http = http;
        this.timeout = properties.webhooks().timeout();
    }

    Result post(String url, String id, long timestamp, String signature, String body) {
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Result(response.statusCode(), elapsed(started), null);
        } catch (OutboundRefusedException e) {
            return new Result(null, elapsed(started), "refused: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return new Result(null, elapsed(started), e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, elapsed(started), "interrupted");
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** What one attempt got: a status code, or an error when no answer came. */
    record Result(
            @Nullable Integer statusCode,
            Duration latency,
            @Nullable String error) {

        Result {
            if (error != null && error.length() > 500) {
                error = error.substring(0, 500);
            }
        }

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        String describe() {
            return statusCode != null ? "HTTP " + statusCode : String.valueOf(error);
        }
    }
}
