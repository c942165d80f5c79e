package com.chatbotsaas.gateway.hygiene;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Removes request headers that services behind the gateway may trust because only the gateway sets them (client
 * address, identity, internal routing), so that a client can never forge them. Matching ignores case.
 *
 * <pre>
 * - name: StripRequestHeaders
 *   args:
 *     names: X-Real-IP, Forwarded
 *     prefixes: X-Internal-, X-User-
 * </pre>
 */
@Component
class StripRequestHeadersGatewayFilterFactory
        extends AbstractGatewayFilterFactory<StripRequestHeadersGatewayFilterFactory.Config> {

    StripRequestHeadersGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        List<String> names = config.getNames().stream()
                .map(n -> n.strip().toLowerCase(Locale.ROOT))
                .toList();
        List<String> prefixes = config.getPrefixes().stream()
                .map(p -> p.strip().toLowerCase(Locale.ROOT))
                .toList();
        return (exchange, chain) -> {
            List<String> strip = new ArrayList<>();
            for (String header : exchange.getRequest().getHeaders().headerNames()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (names.contains(lower) || prefixes.stream().anyMatch(lower::startsWith)) {
                    strip.add(header);
                }
            }
            if (strip.isEmpty()) {
                return chain.filter(exchange);
            }
            ServerHttpRequest request = exchange.getRequest()
                    .mutate()
                    .headers(headers -> strip.forEach(headers::remove))
                    .build();
            return chain.filter(exchange.mutate().request(request).build());
        };
    }

    public static class Config {

        private List<String> names = List.of();
        private List<String> prefixes = List.of();

        public List<String> getNames() {
            return names;
        }

        public void setNames(List<String> names) {
            this.names = names;
        }

        public List<String> getPrefixes() {
            return prefixes;
        }

        public void setPrefixes(List<String> prefixes) {
            this.prefixes = prefixes;
        }
    }
}
