package com.chatbotsaas.auth.apiclient;

import com.chatbotsaas.auth.keycloak.KeycloakClients;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.permission.Permissions;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.PageQuery;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Organization API clients: machine credentials (OAuth client credentials) for integrations, one Keycloak client
 * each. Managing them needs {@code api_clients.manage} in the organization, asked of user-org-service.
 */
@Service
class ApiClients {

    static final String PERMISSION = "api_clients.manage";
    private static final Logger log = LoggerFactory.getLogger(ApiClients.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Permissions permissions;
    private final KeycloakClients keycloak;
    private final ApiClientRepository repository;

    ApiClients(Permissions permissions, KeycloakClients keycloak, ApiClientRepository repository) {
        this.permissions = permissions;
        this.keycloak = keycloak;
        this.repository = repository;
    }

    /**
     * Creates the Keycloak client first (the record must not point at nothing), then the record in the request's
     * transaction; if that transaction does not commit, the Keycloak client is deleted again.
     */
    CreatedApiClient create(UUID organizationId, CreateApiClientRequest request) {
        permissions.require(organizationId, PERMISSION);
        Caller caller = Caller.current();
        String name = request.name().strip();
        UUID id = Uuids.v7();
        String clientId = "api-" + id;
        AuditContext.current().resourceId(id).data("name", name).data("client_id", clientId);
        String secret = newSecret();
        String keycloakId = keycloak.create(clientId, name, organizationId.toString(), secret);
        deleteUnlessCommitted(keycloakId);
        var client = new ApiClientRepository.ApiClient(
                id,
                organizationId,
                name,
                clientId,
                keycloakId,
                caller.id(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        repository.insert(client);
        return new CreatedApiClient(id, name, clientId, secret, organizationId, client.createdAt());
    }

    PageOfClients list(UUID organizationId, PageQuery page) {
        permissions.require(organizationId, PERMISSION);
        List<ApiClientView> items = repository.active(organizationId, page.offset(), page.perPage()).stream()
                .map(c -> new ApiClientView(
                        c.id(), c.name(), c.clientId(), c.organizationId(), c.createdBy(), c.createdAt()))
                .toList();
        return new PageOfClients(items, repository.countActive(organizationId));
    }

    /** Deletes the Keycloak client (no new tokens; issued ones expire within minutes) and keeps the record revoked. */
    void revoke(UUID organizationId, UUID id) {
        permissions.require(organizationId, PERMISSION);
        var client =
                repository.activeForUpdate(organizationId, id).orElseThrow(() -> ApiException.notFound("API client"));
        AuditContext.current().data("name", client.name()).data("client_id", client.clientId());
        repository.revoke(id, Caller.current().id());
        keycloak.delete(client.keycloakId());
    }

    private void deleteUnlessCommitted(String keycloakId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    try {
                        keycloak.delete(keycloakId);
                    } catch (RuntimeException e) {
                        log.error("API client {} left in Keycloak after a failed creation", keycloakId, e);
                    }
                }
            }
        });
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    record PageOfClients(List<ApiClientView> items, long total) {}
}
