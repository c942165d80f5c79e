import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The floor under the gateway: the least a JVM proxy on the gateway's libraries costs when it does the one thing the
 * gateway cannot skip, one Redis round trip per request running the gateway's own rate-limit script (bucket and
 * revocation keys, as for a request with an access token), and nothing else: no token check, no header hygiene, no
 * breaker, no metrics, no error envelopes. It forwards each request to the service and the answer back.
 *
 * <p>Two engines, to tell the framework's cost from the network's:
 *
 * <ul>
 *   <li>{@code reactor}: Reactor Netty's {@code HttpServer} and pooled {@code HttpClient}, the server and client the
 *       gateway runs on today, without WebFlux, Spring Security or Spring Cloud Gateway above them;
 *   <li>{@code netty}: plain Netty handlers, each client connection with one keep-alive connection to the service on
 *       the same event loop (two event loops), the Redis call answered on Lettuce's loop and handed back.
 * </ul>
 *
 * <p>Usage (bench/gateway.sh runs it):
 * {@code java -cp '<gateway jar's BOOT-INF/lib/*>' bench/ProxyFloor.java reactor|netty <port> <service port>
 * <token-bucket.lua> [redis uri]}
 */
public class ProxyFloor {

    /** Every request takes a token from one bucket so large that it never refuses, like the benchmark's gateway. */
    private static final String[] KEYS = {
        "bench:floor:bucket", "bench:floor:revoked:session:s", "bench:floor:revoked:user:u"
    };

    private static final String[] ARGS = {"1000000000", "1000000000", "1", "1700000000", "s"};

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        int port = Integer.parseInt(args[1]);
        int servicePort = Integer.parseInt(args[2]);
        String script = Files.readString(Path.of(args[3]));
        String redisUri = args.length > 4 ? args[4] : "redis://127.0.0.1:6379";
        RedisAsyncCommands<String, String> redis =
                RedisClient.create(redisUri).connect().async();
        String sha = redis.scriptLoad(script).get();
        RateLimit rateLimit = () -> redis.evalsha(sha, ScriptOutputType.MULTI, KEYS, ARGS);
        switch (engine) {
            case "reactor" -> reactor(port, servicePort, rateLimit);
            case "netty" -> netty(port, servicePort, rateLimit);
            default -> throw new IllegalArgumentException("engine: reactor or netty, not " + engine);
        }
    }

    private interface RateLimit {
        CompletionStage<Object> take();
    }

    private static void reactor(int port, int servicePort, RateLimit rateLimit) {
        HttpClient client = HttpClient.create(ConnectionProvider.builder("floor").maxConnections(256).build())
                .baseUrl("http://127.0.0.1:" + servicePort);
        HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> Mono.fromCompletionStage(rateLimit::take)
                        .then(client.headers(h -> h.set(request.requestHeaders()).remove(HttpHeaderNames.HOST))
                                .request(request.method())
                                .uri(request.uri())
                                .send(request.receive().retain())
                                .response((answer, body) -> response.status(answer.status())
                                        .headers(answer.responseHeaders())
                                        .send(body.retain())
                                        .then())
                                .then()))
                .bindNow()
                .onDispose()
                .block();
    }

    private static void netty(int port, int servicePort, RateLimit rateLimit) throws InterruptedException {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        client.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpObjectAggregator(1 << 20),
                                        new Forwarder(servicePort, rateLimit));
                    }
                })
                .bind("127.0.0.1", port)
                .sync()
                .channel()
                .closeFuture()
                .sync();
    }

    /** One client connection: its requests go, one at a time as HTTP/1.1 sends them, over one service connection. */
    private static final class Forwarder extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final int servicePort;
        private final RateLimit rateLimit;
        private Channel service;

        Forwarder(int servicePort, RateLimit rateLimit) {
            this.servicePort = servicePort;
            this.rateLimit = rateLimit;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext client, FullHttpRequest request) {
            request.retain();
            request.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + servicePort);
            rateLimit.take().whenComplete((ignored, failure) -> client.channel().eventLoop().execute(() -> {
                if (failure != null) {
                    request.release();
                    client.close();
                } else {
                    forward(client, request);
                }
            }));
        }

        private void forward(ChannelHandlerContext client, FullHttpRequest request) {
            if (service != null && service.isActive()) {
                service.writeAndFlush(request);
                return;
            }
            new Bootstrap()
                    .group(client.channel().eventLoop())
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(
                                            new HttpClientCodec(),
                                            new HttpObjectAggregator(1 << 20),
                                            new SimpleChannelInboundHandler<FullHttpResponse>() {
                                                @Override
                                                protected void channelRead0(
                                                        ChannelHandlerContext ignored, FullHttpResponse answer) {
                                                    client.writeAndFlush(answer.retain());
                                                }
                                            });
                        }
                    })
                    .connect("127.0.0.1", servicePort)
                    .addListener((ChannelFutureListener) connected -> {
                        if (!connected.isSuccess()) {
                            request.release();
                            client.close();
                            return;
                        }
                        service = connected.channel();
                        service.writeAndFlush(request);
                    });
        }

        @Override
        public void channelInactive(ChannelHandlerContext client) {
            if (service != null) {
                service.close();
            }
        }
    }
}
