package com.chatbotsaas.gateway.hygiene;

import com.chatbotsaas.gateway.client.ClientAddress;
import com.chatbotsaas.gateway.web.RequestIds;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers a service receives, written in the one copy the proxy makes of the client's headers anyway:
 *
 * <ul>
 *   <li>without the headers only the gateway may set ({@code gateway.hygiene.strip-request-headers}: client address,
 *       identity, internal routing), so that a client can never forge them;
 *   <li>with exactly one {@code X-Forwarded-For} hop, the client the gateway established, plus the protocol and host
 *       it asked for. The services take the first hop as the client (audit records, login throttling), so whatever
 *       the client sent is replaced, never appended to;
 *   <li>with the request id the gateway accepted or made ({@link RequestIds}), never a client's invalid one.
 * </ul>
 *
 * <p>Runs after the gateway's own header filters (hop-by-hop, forwarded). Done here rather than by mutating the
 * exchange in filters: each mutation wraps the request and copies its headers again, on every request.
 */
@Component
class ServiceRequestHeadersFilter implements HttpHeadersFilter, Ordered {

    private final HygieneProperties.StripRequestHeaders strip;

    ServiceRequestHeadersFilter(HygieneProperties properties) {
        this.strip = properties.stripRequestHeaders();
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!strip.matches(name)) {
                headers.addAll(name, values);
            }
        });
        ClientAddress client = ClientAddress.of(exchange);
        headers.set("X-Forwarded-For", client.ip());
        headers.set("X-Forwarded-Proto", client.proto());
        if (client.host() != null) {
            headers.set("X-Forwarded-Host", client.host());
        }
        String requestId = RequestIds.of(exchange);
        if (requestId != null) {
            headers.set(RequestIds.HEADER, requestId);
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
