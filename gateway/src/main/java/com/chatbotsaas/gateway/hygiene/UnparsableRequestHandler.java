package com.chatbotsaas.gateway.hygiene;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers requests that never reach Spring with the error envelope: a request line or headers over Netty's limits
 * (414, 431), a request Netty cannot decode (400), and a request target that is not a URI ({@code ?a=%zz}), which
 * Spring's adapter would refuse with an empty 400. The connection is closed after the answer.
 */
@ChannelHandler.Sharable
final class UnparsableRequestHandler extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<Boolean> REFUSED =
            AttributeKey.valueOf(UnparsableRequestHandler.class, "refused");
    private static final Pattern VALID_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            HttpResponseStatus status = refusal(request);
            if (status != null) {
                ctx.channel().attr(REFUSED).set(true);
                String candidate =
                        request.decoderResult().isSuccess() ? request.headers().get("X-Request-Id") : null;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(envelope(status, candidate)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static @Nullable HttpResponseStatus refusal(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return HttpResponseStatus.REQUEST_URI_TOO_LONG;
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            }
            return HttpResponseStatus.BAD_REQUEST;
        }
        try {
            new URI(request.uri());
            return null;
        } catch (URISyntaxException e) {
            return HttpResponseStatus.BAD_REQUEST;
        }
    }

    private static FullHttpResponse envelope(HttpResponseStatus status, @Nullable String candidateRequestId) {
        String requestId = candidateRequestId != null
                        && VALID_REQUEST_ID.matcher(candidateRequestId).matches()
                ? candidateRequestId
                : UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put(
                "message",
                status.code() == 400 ? "The request is malformed" : "The request line or headers are too large");
        body.put("error_code", "MALFORMED_REQUEST");
        body.put("timestamp", Instant.now().toString());
        body.put("request_id", requestId);
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Request-Id", requestId);
        return response;
    }
}
