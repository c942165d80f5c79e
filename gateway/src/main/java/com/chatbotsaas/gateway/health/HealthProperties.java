package com.chatbotsaas.gateway.health;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param services each service's base URL by name; its readiness ({@code readinessPath}) is its status
 * @param keycloakUrl a URL that answers 200 while the realm is served
 * @param timeout how long each check may take
 * @param cacheFor how long one round of checks answers every caller, so that callers of {@code /api/health}
 *     cannot multiply the load on the services
 */
@ConfigurationProperties("gateway.health")
record HealthProperties(
        Map<String, String> services, String readinessPath, String keycloakUrl, Duration timeout, Duration cacheFor) {}
