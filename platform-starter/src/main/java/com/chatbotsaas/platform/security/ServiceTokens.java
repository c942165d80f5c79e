package com.chatbotsaas.platform.security;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * This service's own access token (client credentials of its Keycloak client), for calls it makes as itself rather
 * than for a user. Reused until shortly before it expires.
 */
public class ServiceTokens {

    private final RestClient http;
    private final String tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private @Nullable String token;
    private Instant renewAt = Instant.MIN;

    ServiceTokens(RestClient http, String tokenEndpoint, String clientId, String clientSecret) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * The secret of this service's Keycloak client ({@code SERVICE_CLIENT_SECRET}), which has no default: a service
     * without it refuses to start rather than run on a secret anyone could read in the sources.
     */
    static String requiredSecret(@Nullable String secret) {
        if (secret == null || secret.isBlank() || secret.contains("${")) {
            throw new IllegalStateException("SERVICE_CLIENT_SECRET is required: the secret of this service's Keycloak"
                    + " client (bin/platform and the tests set development values; deployments set their own)");
        }
        return secret;
    }

    public synchronized String bearerToken() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", clientId);
            form.add("client_secret", clientSecret);
            JsonNode response = http.post()
                    .uri(tokenEndpoint)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .body(JsonNode.class);
            if (response == null || !response.path("access_token").isString()) {
                throw new IllegalStateException("No access token from " + tokenEndpoint);
            }
            token = response.path("access_token").asString();
            long lifetime = response.path("expires_in").asLong(60);
            renewAt = Instant.now().plus(Duration.ofSeconds(Math.max(0, lifetime - 30)));
        }
        return token;
    }
}
