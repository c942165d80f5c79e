package com.chatbotsaas.platform.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: a user acting through their token, or a client acting as itself (client credentials).
 *
 * @param id the token subject
 * @param clientId the OAuth client the token was issued to ({@code azp})
 * @param service whether the caller is a client acting as itself rather than a user
 */
public record Caller(
        String id,
        @Nullable String email,
        @Nullable String name,
        @Nullable String clientId,
        boolean service,
        Jwt token) {

    private static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public static Caller from(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        boolean service = username != null && username.startsWith(SERVICE_ACCOUNT_PREFIX);
        return new Caller(
                jwt.getSubject(),
                jwt.getClaimAsString("email"),
                jwt.getClaimAsString("name"),
                jwt.getClaimAsString("azp"),
                service,
                jwt);
    }

    /** The authenticated caller of the current request, if any. */
    public static @Nullable Caller currentOrNull() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return from(token.getToken());
        }
        return null;
    }

    /** The authenticated caller; only for code behind an authenticated route. */
    public static Caller current() {
        Caller caller = currentOrNull();
        if (caller == null) {
            throw new IllegalStateException("No authenticated caller");
        }
        return caller;
    }

    /** Whether the token carries the realm role, e.g. {@code platform-admin}. */
    public boolean hasRealmRole(String role) {
        Object realmAccess = token.getClaims().get("realm_access");
        return realmAccess instanceof java.util.Map<?, ?> access
                && access.get("roles") instanceof java.util.List<?> roles
                && roles.contains(role);
    }

    /**
     * The organization an organization API client acts for (its token's {@code organization_id} claim); {@code null}
     * for users and for the services' own clients.
     */
    public @Nullable String boundOrganizationId() {
        return token.getClaimAsString("organization_id");
    }

    public String actorType() {
        return service ? "service" : "user";
    }

    public String bearerToken() {
        return token.getTokenValue();
    }
}
