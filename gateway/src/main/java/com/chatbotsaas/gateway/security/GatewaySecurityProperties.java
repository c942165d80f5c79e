package com.chatbotsaas.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param clockSkew how far past its expiry a token is still accepted, for clocks that disagree
 * @param publicPaths paths open without a token; every other routed path needs a valid one
 */
@ConfigurationProperties("gateway.security")
record GatewaySecurityProperties(
        String issuerUri, String jwkSetUri, String audience, Duration clockSkew, List<String> publicPaths) {}
