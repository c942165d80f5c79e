package com.chatbotsaas.auth.keycloak;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.springframework.stereotype.Component;

/**
 * Organization API clients as Keycloak confidential clients: client credentials only, tokens with the API audience
 * and a hard-coded {@code organization_id} claim, so that the gateway and every service accept them and know the
 * tenant they act for.
 */
@Component
public class KeycloakClients {

    /** The claim that carries an API client's organization; user tokens never have it. */
    public static final String ORGANIZATION_CLAIM = "organization_id";

    /**
     * {@code basic}: {@code sub}; {@code profile}: {@code preferred_username = service-account-<client_id>}, which
     * marks the caller as a service; {@code service_account}: {@code client_id}; the audience scope: {@code aud}.
     */
    private static final List<String> SCOPES =
            List.of("basic", "profile", "service_account", "chatbot-saas-api-audience");

    private final Keycloak admin;
    private final KeycloakProperties properties;
    private final KeycloakCalls calls;

    KeycloakClients(Keycloak admin, KeycloakProperties properties, KeycloakCalls calls) {
        this.admin = admin;
        this.properties = properties;
        this.calls = calls;
    }

    /** Creates the client with the given secret; returns Keycloak's internal id of it. */
    public String create(String clientId, String name, String organizationId, String secret) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(name);
        client.setDescription("API client of organization " + organizationId);
        client.setEnabled(true);
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        client.setBearerOnly(false);
        client.setClientAuthenticatorType("client-secret");
        client.setSecret(secret);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        // Tokens carry no realm roles: an integration acts only through what its organization allows.
        client.setFullScopeAllowed(false);
        client.setDefaultClientScopes(SCOPES);
        client.setOptionalClientScopes(List.of());
        client.setAttributes(
                Map.of(ORGANIZATION_CLAIM, organizationId, "oauth2.device.authorization.grant.enabled", "false"));
        client.setProtocolMappers(List.of(organizationClaim(organizationId)));
        return calls.call(() -> {
            try (Response response = admin.realm(properties.realm()).clients().create(client)) {
                if (response.getStatus() != 201) {
                    throw KeycloakAccounts.unexpected("create an API client", response.getStatus());
                }
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
    }

    /** Deletes the client: no new token can be obtained with its credentials. An unknown client is already gone. */
    public void delete(String keycloakId) {
        calls.run(() -> {
            try {
                admin.realm(properties.realm()).clients().get(keycloakId).remove();
            } catch (NotFoundException e) {
                e.getResponse().close();
            }
        });
    }

    private static ProtocolMapperRepresentation organizationClaim(String organizationId) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("organization");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-hardcoded-claim-mapper");
        mapper.setConfig(Map.of(
                "claim.name", ORGANIZATION_CLAIM,
                "claim.value", organizationId,
                "jsonType.label", "String",
                "access.token.claim", "true",
                "introspection.token.claim", "true",
                "id.token.claim", "false",
                "userinfo.token.claim", "false"));
        return mapper;
    }
}
