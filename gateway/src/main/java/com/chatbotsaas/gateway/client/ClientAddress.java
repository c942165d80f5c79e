package com.chatbotsaas.gateway.client;

import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client of a request as the gateway established it.
 *
 * @param ip the client's IP address (the peer, or the nearest untrusted hop named by trusted proxies)
 * @param proto {@code https} when the client reached the platform over TLS (here or at a trusted proxy)
 * @param host the host the client asked for, when known
 */
public record ClientAddress(
        String ip, String proto, @Nullable String host) {

    static final String ATTRIBUTE = ClientAddress.class.getName();
    private static final ClientAddress UNKNOWN = new ClientAddress("unknown", "http", null);

    public boolean secure() {
        return "https".equals(proto);
    }

    /** The client of the exchange; set for every request by {@link ClientAddressWebFilter}. */
    public static ClientAddress of(ServerWebExchange exchange) {
        ClientAddress client = exchange.getAttribute(ATTRIBUTE);
        return client != null ? client : UNKNOWN;
    }
}
