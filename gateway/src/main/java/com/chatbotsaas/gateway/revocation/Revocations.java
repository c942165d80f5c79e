package com.chatbotsaas.gateway.revocation;

import com.chatbotsaas.gateway.redis.GatewayRedis;
import io.lettuce.core.SetArgs;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Writes revocations where the rate-limit script reads them. */
@Component
public class Revocations {

    private final GatewayRedis redis;
    private final RevocationProperties properties;

    Revocations(GatewayRedis redis, RevocationProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** Tokens of this Keycloak session ({@code sid}) are refused from now on. */
    public Mono<Void> session(String sessionId) {
        return set(RevocationProperties.SESSION_KEY + sessionId, "1");
    }

    /**
     * The user's tokens issued up to this second are refused, except those of the session that made the change, if
     * any (tokens are stamped in whole seconds: one issued in the same second counts as issued before).
     */
    public Mono<Void> userUpTo(String userId, Instant changedAt, @Nullable String keptSession) {
        String kept = keptSession == null ? "" : keptSession;
        return set(RevocationProperties.USER_KEY + userId, changedAt.getEpochSecond() + ":" + kept);
    }

    private Mono<Void> set(String key, String value) {
        return redis.call(commands -> commands.set(key, value, SetArgs.Builder.ex(properties.ttl())))
                .then();
    }
}
