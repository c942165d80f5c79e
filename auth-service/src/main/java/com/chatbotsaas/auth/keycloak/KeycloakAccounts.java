package com.chatbotsaas.auth.keycloak;

import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/** Accounts and tokens in Keycloak. Keycloak being unreachable is a 503, never a hang or a 500. */
@Component
public class KeycloakAccounts {

    private static final Logger log = LoggerFactory.getLogger(KeycloakAccounts.class);
    private static final String UNAVAILABLE = "The identity provider is unavailable, try again later";

    private final Keycloak admin;
    private final RestClient http;
    private final KeycloakProperties properties;

    KeycloakAccounts(Keycloak admin, RestClient keycloakRestClient, KeycloakProperties properties) {
        this.admin = admin;
        this.http = keycloakRestClient;
        this.properties = properties;
    }

    /** Creates an enabled account whose username is the email; returns its id (the tokens' subject). */
    public String createUser(String name, String email, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName(name);
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (Response response = admin.realm(properties.realm()).users().create(user)) {
            if (response.getStatus() == 409) {
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "The email has already been taken",
                        Map.of("email", List.of("has already been taken")),
                        null);
            }
            if (response.getStatus() != 201) {
                log.error("Keycloak refused to create a user: HTTP {}", response.getStatus());
                throw new ApiException(ErrorCode.UPSTREAM_ERROR, "The identity provider refused the request");
            }
            return CreatedResponseUtil.getCreatedId(response);
        } catch (ProcessingException | WebApplicationException e) {
            throw ApiException.unavailable(UNAVAILABLE, e);
        }
    }

    /** The password grant through the public client; wrong credentials are a 401. */
    public TokenResponse passwordGrant(String email, String password) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "password");
        form.add("client_id", properties.publicClientId());
        form.add("username", email);
        form.add("password", password);
        form.add("scope", "openid");
        return token(form);
    }

    private TokenResponse token(MultiValueMap<String, String> form) {
        try {
            return http.post()
                    .uri(properties.tokenEndpoint())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
                        throw ApiException.unauthenticated("Invalid credentials");
                    })
                    .body(TokenResponse.class);
        } catch (ResourceAccessException e) {
            throw ApiException.unavailable(UNAVAILABLE, e);
        } catch (RestClientResponseException e) {
            log.error(
                    "Keycloak token endpoint failed: HTTP {}", e.getStatusCode().value());
            throw ApiException.unavailable(UNAVAILABLE, e);
        }
    }
}
