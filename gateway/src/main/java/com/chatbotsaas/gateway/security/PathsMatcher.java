package com.chatbotsaas.gateway.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Matches when the path (and the method, if given) matches any of the patterns: the same patterns and parser as
 * {@code ServerWebExchangeMatchers.pathMatchers}, checked in a plain loop. The stock matcher builds a reactive
 * pipeline per pattern per request (an {@code OrServerWebExchangeMatcher} over one matcher per pattern), and the
 * public path list alone has eighteen.
 */
final class PathsMatcher implements ServerWebExchangeMatcher {

    private static final Mono<MatchResult> MATCH = MatchResult.match();
    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    private final @Nullable HttpMethod method;
    private final List<PathPattern> patterns;

    PathsMatcher(@Nullable HttpMethod method, List<String> patterns) {
        this.method = method;
        PathPatternParser parser = PathPatternParser.defaultInstance;
        this.patterns = patterns.stream()
                .map(pattern -> parser.parse(parser.initFullPathPattern(pattern)))
                .toList();
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        if (method != null && method != exchange.getRequest().getMethod()) {
            return NO_MATCH;
        }
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return MATCH;
            }
        }
        return NO_MATCH;
    }
}
