package com.chatbotsaas.gateway;

import static org.awaitility.Awaitility.await;

import com.chatbotsaas.platform.test.PlatformIntegrationTest;
import com.chatbotsaas.platform.test.http.ApiClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestClient;
import com.chatbotsaas.platform.test.keycloak.KeycloakTestServer;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway started whole against real Redis, RabbitMQ and Keycloak tokens, with local HTTP servers for the
 * services. Every test class extending this shares one gateway (one Spring context): same configuration, started
 * once. Limits are small here so that tests can reach them.
 */
@PlatformIntegrationTest
abstract class GatewayIntegrationTest {

    static final KeycloakTestServer KEYCLOAK = KeycloakTestServer.ensureRunning();
    static final KeycloakTestClient keycloak = KeycloakTestClient.of(KEYCLOAK);
    /** auth, user-org, chatbot and audit services. */
    static final EchoUpstream services = new EchoUpstream();
    /** notification-service, which tests stop and start again. */
    static final EchoUpstream notifications = new EchoUpstream();

    static final TestJwks jwks = new TestJwks(KEYCLOAK);
    static final BrowserPages allowedOrigin = new BrowserPages();
    static final BrowserPages otherOrigin = new BrowserPages();

    static final int API_CAPACITY = 20;
    static final double API_REFILL_PER_SECOND = 10;
    static final int CREDENTIALS_CAPACITY = 5;
    static final int WIDGET_CAPACITY = 3;
    static final int DENIAL_EVENTS_BURST = 20;
    static final int DENIAL_EVENTS_PER_SECOND = 20;
    static final int STREAMS_PER_USER = 3;
    static final int STREAMS_TOTAL = 7;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("AUTH_SERVICE_URL", services::url);
        registry.add("USER_ORG_SERVICE_URL", services::url);
        registry.add("CHATBOT_SERVICE_URL", services::url);
        registry.add("AUDIT_SERVICE_URL", services::url);
        registry.add("NOTIFICATION_SERVICE_URL", notifications::url);
        registry.add("AUDIT_SERVICE_RESPONSE_TIMEOUT_MS", () -> "1000");
        registry.add("JWT_JWK_SET_URI", jwks::uri);
        registry.add("CORS_ALLOWED_ORIGINS", allowedOrigin::origin);
        // The tests' requests come from loopback: trusting it lets each test be a client of its own address.
        registry.add("GATEWAY_TRUSTED_PROXIES", () -> "127.0.0.0/8,::1/128");
        registry.add("RATE_LIMIT_API_CAPACITY", () -> API_CAPACITY);
        registry.add("RATE_LIMIT_API_REFILL_PER_SECOND", () -> API_REFILL_PER_SECOND);
        registry.add("RATE_LIMIT_CREDENTIALS_CAPACITY", () -> CREDENTIALS_CAPACITY);
        registry.add("RATE_LIMIT_CREDENTIALS_REFILL_PER_SECOND", () -> 0.1);
        registry.add("RATE_LIMIT_WIDGET_CAPACITY", () -> WIDGET_CAPACITY);
        registry.add("RATE_LIMIT_WIDGET_REFILL_PER_SECOND", () -> 0.1);
        registry.add("GATEWAY_DENIAL_EVENTS_BURST", () -> DENIAL_EVENTS_BURST);
        registry.add("GATEWAY_DENIAL_EVENTS_PER_SECOND", () -> DENIAL_EVENTS_PER_SECOND);
        // Outside DenialEventsIT no queue takes denials on the test exchange: they wait in the shared Redis, capped.
        registry.add("GATEWAY_DENIAL_STREAM_MAX_LENGTH", () -> 1000);
        registry.add("GATEWAY_HEALTH_CACHE", () -> "100ms");
        registry.add("GATEWAY_STREAMS_PER_USER", () -> STREAMS_PER_USER);
        registry.add("GATEWAY_STREAMS_MAX", () -> STREAMS_TOTAL);
        // The build machine is shared and often CPU-starved (Redis round trips of tens of ms): here a slow answer
        // must not pass for an outage. RedisDownIT checks the production timeout against a Redis that never answers.
        registry.add("RATE_LIMIT_REDIS_TIMEOUT", () -> "1s");
        registry.add("REDIS_CONNECT_TIMEOUT", () -> "5s");
    }

    /** The gateway connects to Redis in the background; tests of its decisions start once it has. */
    @BeforeEach
    void redisConnected() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> gatewayFrom(randomClientIp())
                                .get("/api/docs/auth-service/openapi.json")
                                .header("RateLimit-Limit")
                        != null);
    }

    ApiClient gateway() {
        return ApiClient.at("http://127.0.0.1:" + port);
    }

    /** The gateway as seen from a client of its own, made-up address (behind the trusted loopback proxy). */
    ApiClient gatewayFrom(String clientIp) {
        return gateway().withHeader("X-Forwarded-For", clientIp);
    }

    static String randomClientIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    String userToken() {
        return keycloak.login(keycloak.createUser()).accessToken();
    }
}
