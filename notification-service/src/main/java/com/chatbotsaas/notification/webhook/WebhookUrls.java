package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.platform.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Checks a webhook URL when it is set: absolute, https outside a development configuration, no credentials. */
@Component
class WebhookUrls {

    private final boolean requireHttps;

    WebhookUrls(NotificationProperties properties) {
        this.requireHttps = properties.webhooks().requireHttps();
    }

    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "must be a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw ApiException.invalid("url", "must be an http(s) URL");
        }
        if (requireHttps && !scheme.equals("https")) {
            throw ApiException.invalid("url", "must use https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiException.invalid("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid("url", "must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.invalid("url", "must not have a fragment");
        }
        return uri;
    }
}
