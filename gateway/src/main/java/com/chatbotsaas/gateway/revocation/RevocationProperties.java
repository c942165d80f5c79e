package com.chatbotsaas.gateway.revocation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the gateway listens for revocations (the check itself runs whenever a key exists)
 * @param exchange the platform's events exchange
 * @param queue the gateway's queue of revocation events (one per gateway deployment: every instance reads Redis)
 * @param ttl how long a revocation is kept: at least the access token lifetime plus clock skew
 */
@ConfigurationProperties("gateway.revocation")
public record RevocationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("platform.events") String exchange,
        @DefaultValue("gateway.revocations") String queue,
        @DefaultValue("10m") Duration ttl) {

    /** Redis keys of the revocations. */
    public static final String SESSION_KEY = "gateway:revoked:session:";

    public static final String USER_KEY = "gateway:revoked:user:";
}
