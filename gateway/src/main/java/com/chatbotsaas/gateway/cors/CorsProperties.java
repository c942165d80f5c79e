package com.chatbotsaas.gateway.cors;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowedOrigins origins of the web apps that call the API (exact, or patterns such as
 *     {@code https://*.example.com})
 * @param allowCredentials whether browsers may send cookies; the API authenticates with bearer tokens and needs none
 * @param publicPaths the widget API, embedded in customers' own sites: any origin, no credentials (the chatbot
 *     service checks each chatbot's allowed origins itself)
 */
@ConfigurationProperties("gateway.cors")
record CorsProperties(
        List<String> allowedOrigins,
        List<String> allowedMethods,
        List<String> allowedHeaders,
        List<String> exposedHeaders,
        boolean allowCredentials,
        Duration maxAge,
        List<String> publicPaths,
        List<String> publicAllowedOrigins,
        List<String> publicAllowedHeaders) {}
