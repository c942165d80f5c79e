package com.chatbotsaas.gateway.console;

import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the console: {@code /assets/**} from the console's jar, and its HTML shell for every other page path. Router
 * functions are asked before the gateway's routes, so both answer only {@link ConsolePages#isPage console requests};
 * an unknown asset falls through to the gateway's 404.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    private static final Resource SHELL = new ClassPathResource("console/index.html");
    private static final Resource ASSETS = new ClassPathResource("console/assets/");

    @Bean
    RouterFunction<ServerResponse> consoleRoutes() {
        RequestPredicate page =
                request -> ConsolePages.isPage(request.exchange().getRequest());
        Function<ServerRequest, Mono<Resource>> lookup = RouterFunctions.resourceLookupFunction("/assets/**", ASSETS);
        HandlerFilterFunction<ServerResponse, ServerResponse> policy = (request, next) -> {
            // A response's own headers are read-only here; the exchange's are written with it.
            HttpHeaders headers = request.exchange().getResponse().getHeaders();
            headers.set("Content-Security-Policy", ConsolePages.CONTENT_SECURITY_POLICY);
            // Nothing is fingerprinted: a browser checks again (ETag / Last-Modified) before each use.
            headers.setCacheControl(CacheControl.noCache());
            return next.handle(request);
        };
        RouterFunction<ServerResponse> assets =
                RouterFunctions.resources(request -> page.test(request) ? lookup.apply(request) : Mono.empty());
        RouterFunction<ServerResponse> shell = RouterFunctions.route(
                page.and(request -> !request.path().startsWith("/assets/")),
                request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(SHELL));
        return assets.and(shell).filter(policy);
    }
}
