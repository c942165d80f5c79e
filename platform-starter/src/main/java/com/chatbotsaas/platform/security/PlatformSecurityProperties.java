package com.chatbotsaas.platform.security;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks tokens and which of its paths need none.
 *
 * @param issuerUri the realm's issuer, compared with the token's {@code iss}
 * @param jwkSetUri where the realm's public keys are fetched (may differ from the issuer inside a cluster)
 * @param audience the audience every token must carry
 * @param publicPaths path patterns open without a token, besides health and docs
 * @param clockSkew how far past its expiry a token is still accepted, for clocks that disagree
 * @param verifiedTokenMaxAge how long a verified token is remembered by its text, so that its signature is not checked
 *     again on every call ({@code 0s}: never)
 * @param verifiedTokenMaxEntries how many verified tokens are remembered at most
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(
        String issuerUri,
        String jwkSetUri,
        String audience,
        @Nullable List<String> publicPaths,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("60s") Duration verifiedTokenMaxAge,
        @DefaultValue("10000") int verifiedTokenMaxEntries) {

    public PlatformSecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
