package com.chatbotsaas.gateway.security;

import com.chatbotsaas.gateway.client.ClientAddress;
import com.chatbotsaas.gateway.client.Networks;
import com.chatbotsaas.gateway.web.ErrorEnvelopes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway faces the internet; its metrics are for the operator's network only. Health stays open (load
 * balancers, {@code bin/platform}); anything else under {@code /actuator} answers 404 to other clients, as if absent.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ManagementAccessWebFilter implements WebFilter {

    private final Networks allowed;
    private final ErrorEnvelopes envelopes;

    ManagementAccessWebFilter(GatewaySecurityProperties properties, ErrorEnvelopes envelopes) {
        this.allowed = Networks.of(properties.managementNetworks());
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/actuator")
                && !path.equals("/actuator/health")
                && !path.startsWith("/actuator/health/")
                && !allowed.contains(ClientAddress.of(exchange).ip())) {
            return envelopes.write(exchange, HttpStatus.NOT_FOUND, "NOT_FOUND", "Resource not found");
        }
        return chain.filter(exchange);
    }
}
