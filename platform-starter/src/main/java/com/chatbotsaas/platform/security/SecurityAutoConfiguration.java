package com.chatbotsaas.platform.security;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is an OAuth2 resource server for the realm: RS256 signatures from the realm's keys, the issuer,
 * the audience and the expiry are all checked, so a service called directly is as strict as the gateway.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class SecurityAutoConfiguration {

    private static final String[] ALWAYS_PUBLIC = {
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs/**", "/error"
    };

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder platformJwtDecoder(PlatformSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(tokenValidator(properties));
        if (properties.verifiedTokenMaxAge().isZero() || properties.verifiedTokenMaxEntries() <= 0) {
            return decoder;
        }
        return new CachingJwtDecoder(
                decoder,
                new JwtTimestampValidator(properties.clockSkew()),
                properties.verifiedTokenMaxAge(),
                properties.verifiedTokenMaxEntries(),
                Clock.systemUTC());
    }

    /** Issuer, expiry and not-before, and the audience; shared with anything else that decodes tokens. */
    public static OAuth2TokenValidator<Jwt> tokenValidator(PlatformSecurityProperties properties) {
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience()));
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuerUri()),
                audience);
    }

    /** Client credentials of this service's own Keycloak client (named like the application). */
    @Bean
    @ConditionalOnMissingBean
    ServiceTokens platformServiceTokens(Environment environment, PlatformSecurityProperties properties) {
        String clientId = environment.getProperty("spring.application.name", "application");
        String secret = ServiceTokens.requiredSecret(environment.getProperty("platform.security.client-secret"));
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        factory.setReadTimeout(Duration.ofSeconds(5));
        return new ServiceTokens(
                RestClient.builder().requestFactory(factory).build(), tokenEndpoint(properties), clientId, secret);
    }

    private static String tokenEndpoint(PlatformSecurityProperties properties) {
        // The JWKS address is reachable from this service (the issuer may be a public name); the token endpoint sits
        // beside it.
        return properties.jwkSetUri().replace("/protocol/openid-connect/certs", "/protocol/openid-connect/token");
    }

    @Bean
    EnvelopeAuthenticationEntryPoint platformAuthenticationEntryPoint(JsonMapper jsonMapper) {
        return new EnvelopeAuthenticationEntryPoint(jsonMapper);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http, PlatformSecurityProperties properties, EnvelopeAuthenticationEntryPoint entryPoint)
            throws Exception {
        List<String> open = new ArrayList<>(List.of(ALWAYS_PUBLIC));
        open.addAll(properties.publicPaths());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .requestMatchers(open.toArray(String[]::new))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> {})
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(entryPoint))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint));
        return http.build();
    }
}
