package com.chatbotsaas.gateway.cors;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/** CORS is answered by Spring Security's filter, ahead of authentication, so a preflight never needs a token. */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        org.springframework.web.cors.CorsConfiguration widget = base(properties);
        widget.setAllowedOriginPatterns(clean(properties.publicAllowedOrigins()));
        widget.setAllowedHeaders(clean(properties.publicAllowedHeaders()));
        widget.setAllowCredentials(false);
        for (String path : properties.publicPaths()) {
            source.registerCorsConfiguration(path, widget);
        }
        org.springframework.web.cors.CorsConfiguration console = base(properties);
        console.setAllowedOriginPatterns(clean(properties.allowedOrigins()));
        console.setAllowedHeaders(clean(properties.allowedHeaders()));
        console.setAllowCredentials(properties.allowCredentials());
        source.registerCorsConfiguration("/**", console);
        return source;
    }

    private static org.springframework.web.cors.CorsConfiguration base(CorsProperties properties) {
        org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
        cors.setAllowedMethods(clean(properties.allowedMethods()));
        cors.setExposedHeaders(clean(properties.exposedHeaders()));
        cors.setMaxAge(properties.maxAge());
        return cors;
    }

    private static List<String> clean(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
