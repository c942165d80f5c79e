package com.chatbotsaas.notification.support;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import com.chatbotsaas.platform.test.userorg.UserOrgStub;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * notification-service whole, sending email to GreenMail and asking a local stand-in of user-org-service for
 * permissions. Test classes extending this share one application context.
 */
@PlatformIntegrationTest
public abstract class NotificationIntegrationTest {

    static {
        OwnQueue.purge();
    }

    protected static final UserOrgStub USER_ORG = UserOrgStub.start();
    protected static final KeycloakTestClient KEYCLOAK = KeycloakTestClient.of(KeycloakTestServer.ensureRunning());

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
        registry.add("USER_ORG_SERVICE_URL", USER_ORG::url);
    }
}
