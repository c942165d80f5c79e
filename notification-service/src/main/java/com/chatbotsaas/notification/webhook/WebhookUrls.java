package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.platform.outbound.OutboundGuard;
import com.chatbotsaas.platform.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.stereotype.Component;

/**
 * Checks a webhook URL when it is set: an absolute http(s) URL whose host resolves only to public addresses (the
 * platform's SSRF guard), https outside a development configuration, no credentials, no fragment. A name that does
 * not resolve yet (its DNS is being set up) is accepted and said so, as Svix, GitHub and Stripe do: deliveries check
 * it again, hop by hop, and fail and retry until it resolves to a public address. Literal private addresses and names
 * that resolve to them are refused here.
 */
@Component
class WebhookUrls {

    private final OutboundGuard guard;
    private final boolean requireHttps;

    WebhookUrls(OutboundGuard guard, NotificationProperties properties) {
        this.guard = guard;
        this.requireHttps = properties.webhooks().requireHttps();
    }

    OutboundGuard.Checked check(String url) {
        OutboundGuard.Checked checked = guard.validateForLater("url", url, requireHttps);
        URI uri = checked.uri();
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid("url", "must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.invalid("url", "must not have a fragment");
        }
        return checked;
    }

    /** What the answer says of a URL whose host did not resolve when it was saved. */
    static String unresolvedWarning(URI uri) {
        return "The host " + uri.getHost() + " does not resolve yet; deliveries fail and are retried until it does.";
    }

    /**
     * A URL as events, audit records and emails show it: scheme, host and port only. Paths and queries of webhook
     * URLs often carry a token of the receiving service, which must not spread beyond the webhook's own API.
     */
    static String redacted(String url) {
        try {
            URI uri = new URI(url);
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            boolean more = (uri.getRawPath() != null
                            && !uri.getRawPath().isEmpty()
                            && !uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null;
            return more ? origin + "/…" : origin;
        } catch (URISyntaxException e) {
            return "(invalid URL)";
        }
    }
}
