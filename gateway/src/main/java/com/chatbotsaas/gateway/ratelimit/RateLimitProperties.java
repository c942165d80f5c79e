package com.chatbotsaas.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keyPrefix prefix of every bucket's Redis key
 * @param onRedisFailure what a route does when Redis cannot decide in time, unless the route says otherwise
 */
@ConfigurationProperties("gateway.rate-limit")
record RateLimitProperties(String keyPrefix, FailureMode onRedisFailure) {

    /** When Redis cannot decide: let the request through, or refuse it with 503. */
    enum FailureMode {
        ALLOW,
        REFUSE
    }
}
