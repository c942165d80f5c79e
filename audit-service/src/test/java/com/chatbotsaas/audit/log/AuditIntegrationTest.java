package com.chatbotsaas.audit.log;

import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.contract.EventContracts;
import com.chatbotsaas.platform.test.events.EventProbe;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.userorg.UserOrgStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * audit-service started whole against the real infrastructure, one context for every test class: user-org-service is
 * a local stub answering who may do what, events come from the test exchange.
 */
@PlatformIntegrationTest
abstract class AuditIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final KeycloakTestClient keycloak = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
    static final UserOrgStub userOrg = UserOrgStub.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void userOrgService(DynamicPropertyRegistry registry) {
        registry.add("USER_ORG_SERVICE_URL", userOrg::url);
    }

    /** A user holding these permissions in a new organization, and a client acting as that user. */
    ApiClient member(String orgId, String... permissions) {
        String token = keycloak.login(keycloak.createUser()).accessToken();
        userOrg.grant(token, orgId, "custom", Set.of(permissions));
        return ApiClient.at("http://localhost:" + port).withToken(token);
    }

    /** Publishes an event of the organization as a producing service would; returns its id. */
    static String publish(String orgId, String action, String requestId) {
        return publish(orgId, action, requestId, Instant.now());
    }

    static String publish(String orgId, String action, String requestId, Instant time) {
        String eventId = UUID.randomUUID().toString();
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.example("org.create.success"));
        event.put("id", eventId);
        event.put("type", "com.chatbotsaas." + action);
        event.put("orgid", orgId);
        event.put("requestid", requestId);
        event.put("time", time.toString());
        ((ObjectNode) event.get("data")).put("resource_id", orgId);
        EventProbe.publish(action + ".success", JSON.writeValueAsString(event));
        return eventId;
    }

    static long storedOf(String orgId) {
        return TestInfrastructure.get()
                .queryForLong("select count(*) from audit.audit_log where organization_id = ?::uuid", orgId);
    }

    static void awaitStored(String orgId, long count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOf(orgId) >= count);
    }
}
