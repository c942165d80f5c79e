package com.chatbotsaas.auth.keycloak;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How auth-service reaches Keycloak.
 *
 * @param clientId the confidential client whose service account manages users
 * @param publicClientId the client users log in through (password and refresh grants)
 */
@ConfigurationProperties("auth.keycloak")
public record KeycloakProperties(
        String url,
        String realm,
        String clientId,
        String clientSecret,
        String publicClientId,
        Duration connectTimeout,
        Duration readTimeout) {

    String tokenEndpoint() {
        return url + "/realms/" + realm + "/protocol/openid-connect/token";
    }
}
