package com.chatbotsaas.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param clockSkew how far past its expiry (or before its not-before) a token is still accepted, for clocks that
 *     disagree
 * @param publicPaths paths open without a token; every other routed path needs a valid one
 * @param adminPaths paths only operators reach: they need the realm role {@code adminRole}
 * @param managementNetworks client networks that may read {@code /actuator} beyond health (metrics)
 */
@ConfigurationProperties("gateway.security")
record GatewaySecurityProperties(
        String issuerUri,
        String jwkSetUri,
        String audience,
        Duration clockSkew,
        Jwks jwks,
        List<String> publicPaths,
        List<String> adminPaths,
        String adminRole,
        List<String> managementNetworks,
        Duration hstsMaxAge) {

    /**
     * @param refreshInterval how long fetched keys are used before they are fetched again
     * @param minRefetchInterval how often at most a token with an unknown {@code kid} may cause a fetch
     * @param fetchTimeout how long a fetch may take
     * @param verifiedTokenMaxAge how long a verified token is trusted without checking its signature again
     * @param verifiedTokenMaxEntries how many verified tokens are remembered at most
     */
    record Jwks(
            Duration refreshInterval,
            Duration minRefetchInterval,
            Duration fetchTimeout,
            Duration verifiedTokenMaxAge,
            int verifiedTokenMaxEntries) {}
}
