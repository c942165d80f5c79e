package com.chatbotsaas.chatbot.support;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.userorg.UserOrgStub;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * chatbot-service whole, with user-org-service's access API as a local server. Engines' local HTTP servers listen on
 * 127.0.0.2, the one host the SSRF guard lets through here; 127.0.0.1 and every other private address stay refused.
 * Short engine timeouts and back-offs keep failure tests quick. Test classes share one application context.
 */
@PlatformIntegrationTest
public abstract class ChatbotIntegrationTest {

    protected static final KeycloakTestClient KEYCLOAK = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());
    protected static final UserOrgStub USER_ORG = UserOrgStub.start();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void chatbotTestProperties(DynamicPropertyRegistry registry) {
        registry.add("USER_ORG_SERVICE_URL", USER_ORG::url);
        registry.add("OUTBOUND_ALLOWED_HOSTS", () -> LocalServer.HOST);
        registry.add("CHATBOT_ENGINE_TIMEOUT", () -> "2s");
        registry.add("CHATBOT_REPLY_BACKOFF", () -> "200ms");
        registry.add("CHATBOT_REPLY_WORKERS", () -> "4");
        registry.add("CHATBOT_STREAMS_PER_USER", () -> "3");
        registry.add("CHATBOT_STREAMS_PER_CONVERSATION", () -> "4");
        registry.add("CHATBOT_STREAM_RECHECK_INTERVAL", () -> "1s");
    }

    protected Tenants tenants() {
        return new Tenants(KEYCLOAK, USER_ORG, port);
    }
}
