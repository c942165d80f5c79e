package com.chatbotsaas.gateway.security;

import com.chatbotsaas.gateway.client.ClientAddress;
import com.chatbotsaas.gateway.client.Networks;
import com.chatbotsaas.gateway.web.ErrorEnvelopes;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The gateway faces the internet; its metrics are for the operator's network only (loopback by default). Health
 * stays open (load balancers, {@code bin/platform}); anything else under {@code /actuator} answers 404 to other
 * clients, as if absent, and to any request that came through a proxy: a proxy forwards clients' requests, never the
 * operator's own. Paths are matched as the endpoints match them (decoded), so no spelling of a path slips past.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class ManagementAccessWebFilter implements WebFilter {

    private static final PathPattern MANAGEMENT = PathPatternParser.defaultInstance.parse("/actuator/**");
    private static final PathPattern HEALTH = PathPatternParser.defaultInstance.parse("/actuator/health/**");
    private static final List<String> FORWARDING_HEADERS =
            List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP");

    private final Networks allowed;
    private final ErrorEnvelopes envelopes;

    ManagementAccessWebFilter(GatewaySecurityProperties properties, ErrorEnvelopes envelopes) {
        this.allowed = Networks.of(properties.managementNetworks());
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (MANAGEMENT.matches(path) && !HEALTH.matches(path) && !operator(exchange)) {
            return envelopes.write(exchange, HttpStatus.NOT_FOUND, "NOT_FOUND", "Resource not found");
        }
        return chain.filter(exchange);
    }

    private boolean operator(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return FORWARDING_HEADERS.stream().noneMatch(headers::containsHeader)
                && allowed.contains(ClientAddress.of(exchange).ip());
    }
}
