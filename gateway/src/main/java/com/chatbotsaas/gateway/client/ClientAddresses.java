package com.chatbotsaas.gateway.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Finds the client behind the proxies the operator trusts. {@code X-Forwarded-For} is read from the right: each hop
 * a trusted proxy appended is believed until the first address that is not a trusted proxy, which is the client.
 * Anything to its left was written by the client and is ignored, so a client cannot choose its own address.
 */
final class ClientAddresses {

    private final Networks trustedProxies;

    ClientAddresses(Networks trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    ClientAddress resolve(ServerHttpRequest request) {
        String peer = peer(request.getRemoteAddress());
        HttpHeaders headers = request.getHeaders();
        String scheme = request.getSslInfo() != null ? "https" : "http";
        String host = headers.getFirst(HttpHeaders.HOST);
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return new ClientAddress(peer, scheme, host);
        }
        String client = peer;
        List<String> hops = hops(headers.get("X-Forwarded-For"));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = Networks.literal(hops.get(i));
            if (hop == null) {
                // A hop that is no address cannot be followed further; the last believable one stands.
                break;
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        String proto = last(headers.get("X-Forwarded-Proto"));
        String forwardedHost = last(headers.get("X-Forwarded-Host"));
        return new ClientAddress(
                client,
                "https".equalsIgnoreCase(proto) ? "https" : proto == null ? scheme : "http",
                forwardedHost != null ? forwardedHost : host);
    }

    private static String peer(@Nullable InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        String literal = Networks.literal(remote.getAddress().getHostAddress());
        return literal != null ? literal : "unknown";
    }

    private static List<String> hops(@Nullable List<String> values) {
        List<String> hops = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String hop : value.split(",")) {
                    if (!hop.isBlank()) {
                        hops.add(hop.strip());
                    }
                }
            }
        }
        return hops;
    }

    /** The value the nearest proxy wrote: the last of a comma-separated list. */
    private static @Nullable String last(@Nullable List<String> values) {
        List<String> all = hops(values);
        return all.isEmpty() ? null : all.getLast().toLowerCase(Locale.ROOT);
    }
}
