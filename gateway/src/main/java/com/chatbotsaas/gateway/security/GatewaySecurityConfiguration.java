package com.chatbotsaas.gateway.security;

import com.chatbotsaas.gateway.console.ConsolePages;
import com.chatbotsaas.gateway.denial.Denial;
import com.chatbotsaas.gateway.denial.DenialEvents;
import com.chatbotsaas.gateway.web.ErrorEnvelopes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Who gets in: public routes are open; every other route needs a valid RS256 token of the realm (signature, issuer,
 * audience, expiry and not-before); operator routes need the realm role {@code platform-admin}. What it refuses is
 * answered in the envelope and published as a denial event.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

    private static final String REALM_ROLE_PREFIX = "ROLE_";

    @Bean
    ReactiveJwtDecoder jwtDecoder(
            GatewaySecurityProperties properties, WebClient outboundWebClient, MeterRegistry meters) {
        JwkSetCache keys = new JwkSetCache(
                outboundWebClient,
                properties.jwkSetUri(),
                properties.jwks().refreshInterval(),
                properties.jwks().minRefetchInterval(),
                properties.jwks().fetchTimeout(),
                Clock.systemUTC(),
                meters);
        // RS256 only: "none" and HMAC tokens (e.g. HS256 keyed with the public key) are rejected.
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience()));
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps, new JwtIssuerValidator(properties.issuerUri()), audience));
        return new CachingJwtDecoder(
                decoder,
                timestamps,
                keys::generation,
                properties.jwks().verifiedTokenMaxAge(),
                properties.jwks().verifiedTokenMaxEntries(),
                Clock.systemUTC());
    }

    /** The gateway's metrics time requests already; an observation per security filter per request costs CPU. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall, with header names and values (no control or unassigned characters) checked
     * once per request without regular expressions, rather than on every read ({@link HeaderCheckingFirewall}).
     */
    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        return new HeaderCheckingFirewall(GatewaySecurityConfiguration::printable);
    }

    /** What the firewall refuses (encoded slashes, traversal, control characters) is answered as every refusal is. */
    @Bean
    ServerExchangeRejectedHandler serverExchangeRejectedHandler(ErrorEnvelopes envelopes) {
        return (exchange, ex) ->
                envelopes.write(exchange, HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "The request is malformed");
    }

    static boolean printable(@Nullable String value) {
        if (value == null) {
            // Absent: the firewall asks about headers that were not sent, too.
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || !Character.isDefined(c)) {
                return false;
            }
        }
        return true;
    }

    @Bean
    SecurityHeadersWebFilter securityHeadersWebFilter(GatewaySecurityProperties properties) {
        return new SecurityHeadersWebFilter(properties.hstsMaxAge());
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            GatewaySecurityProperties properties,
            ErrorEnvelopes envelopes,
            DenialEvents denials,
            CorsConfigurationSource cors) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, ex) -> {
            boolean presented = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            exchange.getResponse()
                    .getHeaders()
                    .set(
                            HttpHeaders.WWW_AUTHENTICATE,
                            presented
                                    ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid\""
                                    : "Bearer");
            denials.publish(
                    exchange, Denial.anonymous(401, "UNAUTHENTICATED", presented ? "invalid_token" : "missing_token"));
            return envelopes.write(
                    exchange,
                    HttpStatus.UNAUTHORIZED,
                    "UNAUTHENTICATED",
                    presented ? "The access token is invalid or expired" : "Authentication required");
        };
        ServerAccessDeniedHandler denied = (exchange, ex) -> exchange.getPrincipal()
                .map(principal -> Denial.of(principal, 403, "FORBIDDEN", "insufficient_role", Map.of()))
                .defaultIfEmpty(Denial.anonymous(403, "FORBIDDEN", "insufficient_role"))
                .flatMap(denial -> {
                    denials.publish(exchange, denial);
                    return envelopes.write(
                            exchange,
                            HttpStatus.FORBIDDEN,
                            "FORBIDDEN",
                            "You do not have permission to perform this action");
                });
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(spec -> spec.configurationSource(cors))
                // Written by SecurityHeadersWebFilter, in one pass.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .matchers(new PathsMatcher(HttpMethod.OPTIONS, List.of("/**")))
                        .permitAll()
                        // The console's pages and assets: public files; what they show comes from the API.
                        .matchers(exchange -> ConsolePages.isPage(exchange.getRequest())
                                ? ServerWebExchangeMatcher.MatchResult.match()
                                : ServerWebExchangeMatcher.MatchResult.notMatch())
                        .permitAll()
                        .matchers(new PathsMatcher(null, properties.publicPaths()))
                        .permitAll()
                        .matchers(new PathsMatcher(null, properties.adminPaths()))
                        .hasAuthority(REALM_ROLE_PREFIX + properties.adminRole())
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .build();
    }

    /** Keycloak's realm roles ({@code realm_access.roles}) as authorities {@code ROLE_<role>}. */
    private static ReactiveJwtAuthenticationConverterAdapter realmRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
            Object roles = realmAccess == null ? null : realmAccess.get("roles");
            if (!(roles instanceof Collection<?> names)) {
                return List.of();
            }
            return names.stream()
                    .map(name -> (GrantedAuthority) new SimpleGrantedAuthority(REALM_ROLE_PREFIX + name))
                    .toList();
        });
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
