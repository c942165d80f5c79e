package com.chatbotsaas.platform.outbound;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the SSRF guard ({@code platform.outbound.*}).
 *
 * @param allowedHosts host names, IP addresses or CIDR ranges that are reachable even though they are loopback,
 *     private or link-local (for example an in-cluster model server); empty in production by default
 * @param connectTimeout how long a connection may take to open
 * @param maxRedirects how many redirects {@link GuardedHttpClient} follows, each one checked again
 */
@ConfigurationProperties("platform.outbound")
public record OutboundProperties(List<String> allowedHosts, Duration connectTimeout, int maxRedirects) {

    public OutboundProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        maxRedirects = maxRedirects <= 0 ? 5 : maxRedirects;
    }
}
