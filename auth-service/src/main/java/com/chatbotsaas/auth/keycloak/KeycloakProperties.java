package com.chatbotsaas.auth.keycloak;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How auth-service reaches Keycloak.
 *
 * @param clientId the confidential client whose service account manages users, sessions and API clients, and through
 *     which users log in (password and refresh grants: the public client does not allow the password grant, so
 *     passwords are tried only here, behind the login throttle)
 * @param connectTimeout how long to wait for a connection; short, so that an unreachable Keycloak fails fast
 * @param readTimeout how long to wait for an answer, for the token endpoint and the admin API alike
 * @param adminPoolSize connections the admin client keeps to Keycloak
 * @param circuitBreaker when to stop calling a failing Keycloak, and when to try again
 */
@ConfigurationProperties("auth.keycloak")
public record KeycloakProperties(
        String url,
        String realm,
        String clientId,
        String clientSecret,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("3s") Duration readTimeout,
        @DefaultValue("20") int adminPoolSize,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * @param failureRateThreshold the percentage of failed calls (unreachable, timed out, 5xx) that opens the breaker
     * @param slidingWindowSize how many recent calls the rate is computed over
     * @param minimumNumberOfCalls how many calls are needed before the rate counts
     * @param waitDurationInOpenState how long the breaker answers 503 without calling before it lets calls probe again
     * @param permittedCallsInHalfOpenState how many probing calls must succeed to close it again
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitDurationInOpenState,
            @DefaultValue("2") int permittedCallsInHalfOpenState) {}

    String tokenEndpoint() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    String logoutEndpoint() {
        return realmUrl() + "/protocol/openid-connect/logout";
    }

    private String realmUrl() {
        return url + "/realms/" + realm;
    }

    @Override
    public String toString() {
        return "KeycloakProperties[url=" + url + ", realm=" + realm + ", clientId=" + clientId + "]";
    }
}
