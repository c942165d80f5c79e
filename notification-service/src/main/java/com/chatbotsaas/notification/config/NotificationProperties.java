package com.chatbotsaas.notification.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * notification-service settings.
 *
 * @param publicBaseUrl the console's address, from which every link in an email is built
 */
@ConfigurationProperties("notification")
public record NotificationProperties(
        @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @DefaultValue Mail mail,
        @DefaultValue Webhooks webhooks) {

    /** The base URL without a trailing slash. */
    public String baseUrl() {
        String url = publicBaseUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * @param from the sender of every email
     * @param maxAttempts how often an email is tried before it is given up (and logged as such)
     * @param retryBackoff the first retry's delay, doubled on each further attempt
     * @param pollInterval how often the sender looks for emails that are due
     * @param locales the languages templates exist in; anything else falls back to English
     */
    public record Mail(
            @DefaultValue("Chatbot SaaS <no-reply@chatbotsaas.local>")
            String from,

            @DefaultValue("8") int maxAttempts,
            @DefaultValue("30s") Duration retryBackoff,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue({"en", "de", "fr"}) Set<String> locales) {}

    /**
     * @param requireHttps whether webhook URLs must use https (only a development configuration turns it off)
     * @param timeout how long one delivery attempt may take, connection included
     * @param retrySchedule the delays before each retry after the first, immediate attempt (Standard Webhooks'
     *     schedule by default: about 27 hours in all)
     * @param jitter the largest random fraction added to each delay, so that retries of many deliveries spread out
     * @param disableAfter consecutive deliveries that failed every attempt after which a webhook is disabled
     * @param pollInterval how often the dispatcher looks for deliveries that are due
     * @param batchSize the most deliveries one pass of the dispatcher claims
     * @param concurrency the most deliveries sent at once by one instance
     * @param maxPerOrganization the most webhooks one organization may have (a creation past it is refused)
     * @param perOrganizationBatch the most deliveries of one organization one pass claims, so that an organization
     *     with a backlog cannot fill every pass and delay the others
     * @param secretKey base64 AES key (16, 24 or 32 bytes) encrypting signing secrets at rest
     */
    public record Webhooks(
            @DefaultValue("true") boolean requireHttps,
            @DefaultValue("10s") Duration timeout,

            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"})
            List<Duration> retrySchedule,

            @DefaultValue("0.2") double jitter,
            @DefaultValue("5") int disableAfter,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("8") int concurrency,
            @DefaultValue("20") int maxPerOrganization,
            @DefaultValue("10") int perOrganizationBatch,
            @Nullable String secretKey) {}
}
