package com.chatbotsaas.gateway.client;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param trustedProxies addresses or CIDR ranges of the load balancers in front of the gateway; only their
 *     {@code X-Forwarded-*} headers are believed. Empty: the peer of the TCP connection is the client.
 */
@ConfigurationProperties("gateway.client")
record ClientProperties(List<String> trustedProxies) {

    ClientProperties {
        trustedProxies = trustedProxies == null
                ? List.of()
                : trustedProxies.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
