package com.chatbotsaas.gateway.client;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The forwarded headers the services receive: exactly one {@code X-Forwarded-For} hop, the client the gateway
 * established, plus the protocol and host it asked for. The services take the first hop as the client (audit
 * records, login throttling), so whatever the client sent is replaced, never appended to. Runs after the gateway's
 * own {@code RemoveXForwardedHeadersFilter} / {@code RemoveForwardedHeadersFilter} (order 0), which drop the client's.
 */
@Component
class ClientForwardedHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ClientAddress client = ClientAddress.of(exchange);
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.remove("Forwarded");
        headers.set("X-Forwarded-For", client.ip());
        headers.set("X-Forwarded-Proto", client.proto());
        if (client.host() != null) {
            headers.set("X-Forwarded-Host", client.host());
        }
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return 100;
    }
}
