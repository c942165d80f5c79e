package com.chatbotsaas.gateway.ratelimit;

import com.chatbotsaas.gateway.redis.GatewayRedis;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Takes tokens from buckets kept in Redis, with one atomic script per request. */
@Component
class TokenBuckets {

    private final GatewayRedis redis;
    private final String script;
    private final String sha;

    TokenBuckets(GatewayRedis redis) {
        this.redis = redis;
        try {
            this.script =
                    new ClassPathResource("ratelimit/token-bucket.lua").getContentAsString(StandardCharsets.UTF_8);
            this.sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One token from the bucket; fails with {@link GatewayRedis.RedisUnavailableException} when Redis cannot tell. */
    Mono<Decision> take(String key, long capacity, double refillPerSecond) {
        String[] keys = {key};
        String[] args = {Long.toString(capacity), Double.toString(refillPerSecond), "1"};
        return redis.call(commands -> commands.<Object>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                        .onErrorResume(
                                RedisNoScriptException.class,
                                e -> commands.<Object>eval(script, ScriptOutputType.MULTI, keys, args))
                        .collectList())
                .map(Decision::of);
    }

    /**
     * @param remaining whole tokens left after this request
     * @param retryAfterMillis when refused, how long until one token is back
     * @param resetMillis how long until the bucket is full again
     */
    record Decision(boolean allowed, long remaining, long retryAfterMillis, long resetMillis) {

        static Decision of(List<Object> reply) {
            List<?> values = reply.size() == 1 && reply.getFirst() instanceof List<?> nested ? nested : reply;
            return new Decision(number(values, 0) == 1, number(values, 1), number(values, 2), number(values, 3));
        }

        private static long number(List<?> values, int index) {
            return values.get(index) instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(values.get(index).toString());
        }
    }
}
