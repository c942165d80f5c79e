package com.chatbotsaas.gateway.hygiene;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** Puts {@link UnparsableRequestHandler} right after Netty's HTTP codec on every connection. */
@Component
class UnparsableRequests implements NettyServerCustomizer {

    private static final UnparsableRequestHandler HANDLER = new UnparsableRequestHandler();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, UnparsableRequestHandler.class.getName(), HANDLER);
            }
        });
    }
}
