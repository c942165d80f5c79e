package com.chatbotsaas.gateway.ratelimit;

import com.chatbotsaas.gateway.redis.GatewayRedis;
import com.chatbotsaas.gateway.revocation.RevocationProperties;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
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

    /**
     * One token from the bucket, unless the access token was revoked; fails with
     * {@link GatewayRedis.RedisUnavailableException} when Redis cannot tell.
     */
    Mono<Decision> take(String key, long capacity, double refillPerSecond, @Nullable TokenIdentity token) {
        String rate = Long.toString(capacity);
        String refill = Double.toString(refillPerSecond);
        String[] finalKeys = token == null
                ? new String[] {key}
                : new String[] {
                    key,
                    RevocationProperties.SESSION_KEY + token.sessionId(),
                    RevocationProperties.USER_KEY + token.userId()
                };
        String[] args = token == null
                ? new String[] {rate, refill, "1"}
                : new String[] {rate, refill, "1", Long.toString(token.issuedAt()), token.sessionId()};
        return redis.call(commands -> commands.<Object>evalsha(sha, ScriptOutputType.MULTI, finalKeys, args)
                        .onErrorResume(
                                RedisNoScriptException.class,
                                e -> commands.<Object>eval(script, ScriptOutputType.MULTI, finalKeys, args))
                        .collectList())
                .map(Decision::of);
    }

    /**
     * Who an access token speaks for, as far as revocation goes.
     *
     * @param sessionId the Keycloak session ({@code sid})
     * @param userId the subject
     * @param issuedAt the token's {@code iat}, epoch seconds
     */
    record TokenIdentity(String sessionId, String userId, long issuedAt) {}

    /**
     * @param revoked the access token was revoked (nothing was taken from the bucket)
     * @param remaining whole tokens left after this request
     * @param retryAfterMillis when refused, how long until one token is back
     * @param resetMillis how long until the bucket is full again
     */
    record Decision(boolean allowed, boolean revoked, long remaining, long retryAfterMillis, long resetMillis) {

        static Decision of(List<Object> reply) {
            List<?> values = reply.size() == 1 && reply.getFirst() instanceof List<?> nested ? nested : reply;
            long outcome = number(values, 0);
            return new Decision(outcome == 1, outcome == -1, number(values, 1), number(values, 2), number(values, 3));
        }

        private static long number(List<?> values, int index) {
            return values.get(index) instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(values.get(index).toString());
        }
    }
}
