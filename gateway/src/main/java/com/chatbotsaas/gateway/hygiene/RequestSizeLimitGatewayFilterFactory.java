package com.chatbotsaas.gateway.hygiene;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over a size with 413 {@code PAYLOAD_TOO_LARGE}: at once when {@code Content-Length} says
 * so, and while streaming when a chunked body grows past it (the gateway's own {@code RequestSize} filter only
 * reads {@code Content-Length} and answers without the envelope).
 *
 * <pre>
 * - RequestSizeLimit=1MB
 * </pre>
 */
@Component
class RequestSizeLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RequestSizeLimitGatewayFilterFactory.Config> {

    RequestSizeLimitGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("maxSize");
    }

    @Override
    public GatewayFilter apply(Config config) {
        long limit = config.getMaxSize().toBytes();
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            long declared = request.getHeaders().getContentLength();
            if (declared > limit) {
                return Mono.error(new PayloadTooLargeException(limit));
            }
            if (declared >= 0) {
                // Netty never reads past a declared Content-Length.
                return chain.filter(exchange);
            }
            if (!request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)
                    && (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)) {
                // HTTP/1.1: no Content-Length and no Transfer-Encoding, no body. Not wrapped: a wrapper costs every
                // request a decorated exchange.
                return chain.filter(exchange);
            }
            ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
                @Override
                public Flux<DataBuffer> getBody() {
                    AtomicLong seen = new AtomicLong();
                    return super.getBody().handle((buffer, sink) -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                            DataBufferUtils.release(buffer);
                            sink.error(new PayloadTooLargeException(limit));
                        } else {
                            sink.next(buffer);
                        }
                    });
                }
            };
            return chain.filter(exchange.mutate().request(counted).build());
        };
    }

    public static class Config {

        private DataSize maxSize = DataSize.ofMegabytes(1);

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }
}
