package com.chatbotsaas.platform.test;

import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at the real test infrastructure: the test database, the local broker and cache, and the
 * build's one Keycloak. Events travel on a test exchange with test queues, so a suite running locally at the same time
 * neither sees nor steals them.
 */
public class PlatformTestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String EXCHANGE = "test.platform.events";
    public static final String NOTIFICATIONS_EXCHANGE = "test.platform.notifications";
    public static final String QUEUE_PREFIX = "test.";

    /** Everything a service process needs to run against the test infrastructure, as environment-style names. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.get().properties());
        properties.put("KEYCLOAK_URL", KeycloakTestServer.ensureRunning().baseUrl());
        properties.put("EVENTS_EXCHANGE", EXCHANGE);
        properties.put("NOTIFICATIONS_EXCHANGE", NOTIFICATIONS_EXCHANGE);
        properties.put("EVENTS_QUEUE_PREFIX", QUEUE_PREFIX);
        // Short enough that a test can watch a token expire.
        properties.put("JWT_CLOCK_SKEW", "1s");
        // A test JVM keeps several application contexts open and the e2e suite runs six services: idle connections
        // are closed so that together they stay far below the server's max_connections.
        properties.put("DB_POOL_MIN_IDLE", "1");
        // Keys that encrypt secrets at rest: required by the services that keep such secrets.
        properties.put("CHATBOT_SECRETS_KEY", "dGVzdC1jaGF0Ym90LXNlY3JldHMta2V5LTMyYnl0ZXM=");
        properties.put("WEBHOOK_SECRET_KEY", "dGVzdC13ZWJob29rLXNpZ25pbmcta2V5LTMyLWJ5dGU=");
        properties.put("DB_POOL_IDLE_TIMEOUT_MS", "30000");
        return properties;
    }

    /** The services that have a confidential client of their own in the realm. */
    public static final List<String> SERVICE_CLIENTS = KeycloakTestClient.SERVICE_CLIENTS;

    /** {@link #properties()} for one service process, with the secret of its own Keycloak client. */
    public static Map<String, String> properties(String service) {
        Map<String, String> properties = properties();
        properties.put("SERVICE_CLIENT_SECRET", KeycloakTestClient.clientSecret(service));
        return properties;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String service = context.getEnvironment().getProperty("spring.application.name", "application");
        Map<String, Object> values = new HashMap<>(properties(service));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("platformTest", values));
    }
}
