package com.chatbotsaas.userorg.support;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * user-org-service whole, with auth-service's internal API as a local server backed by the test Keycloak. Test classes
 * extending this share one application context.
 */
@PlatformIntegrationTest
public abstract class UserOrgIntegrationTest {

    protected static final AuthServiceStub AUTH_SERVICE = new AuthServiceStub(Tenants.KEYCLOAK);

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void authService(DynamicPropertyRegistry registry) {
        registry.add("AUTH_SERVICE_URL", AUTH_SERVICE::url);
    }
}
