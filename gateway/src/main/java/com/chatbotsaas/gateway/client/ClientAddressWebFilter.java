package com.chatbotsaas.gateway.client;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Establishes the client before security runs, so that rate limits, denials and logs all name the same client. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ClientAddressWebFilter implements WebFilter {

    private final ClientAddresses addresses;

    ClientAddressWebFilter(ClientProperties properties) {
        this.addresses = new ClientAddresses(Networks.of(properties.trustedProxies()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, addresses.resolve(exchange.getRequest()));
        return chain.filter(exchange);
    }
}
