package com.chatbotsaas.auth.account;

import com.chatbotsaas.auth.keycloak.KeycloakAccounts;
import com.chatbotsaas.auth.keycloak.TokenResponse;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registration and login. Passwords pass through to Keycloak and are never stored, logged or audited here. */
@Service
class Accounts {

    private final KeycloakAccounts keycloak;
    private final JsonMapper jsonMapper;

    Accounts(KeycloakAccounts keycloak, JsonMapper jsonMapper) {
        this.keycloak = keycloak;
        this.jsonMapper = jsonMapper;
    }

    RegisterResponse register(RegisterRequest request) {
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        AuditContext.current().data("email", email);
        if (!request.password().equals(request.passwordConfirmation())) {
            throw ApiException.invalid("password_confirmation", "does not match the password");
        }
        String name = request.name().strip();
        String id = keycloak.createUser(name, email, request.password());
        // The new user is both the actor and the resource; user-org-service builds its profile from this data.
        AuditContext.current().resourceId(id).actor(id, "user").data("name", name);
        return new RegisterResponse(new UserSummary(id, name, email));
    }

    LoginResponse login(LoginRequest request) {
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        AuditContext.current().data("email", email);
        TokenResponse tokens = keycloak.passwordGrant(email, request.password());
        JsonNode claims = claimsOf(tokens.accessToken());
        String id = claims.path("sub").asString();
        AuditContext.current().resourceId(id).actor(id, "user");
        return new LoginResponse(
                tokens.accessToken(),
                tokens.refreshToken(),
                "Bearer",
                tokens.expiresIn(),
                tokens.refreshExpiresIn(),
                new UserSummary(
                        id,
                        claims.path("name").asString(email),
                        claims.path("email").asString(email)));
    }

    /** The claims of a token that was just received from Keycloak over a direct call (no need to verify here). */
    private JsonNode claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        return jsonMapper.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}
