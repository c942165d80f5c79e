package com.chatbotsaas.auth.account;

import com.chatbotsaas.auth.email.EmailVerifications;
import com.chatbotsaas.auth.keycloak.KeycloakAccounts;
import com.chatbotsaas.auth.keycloak.KeycloakUser;
import com.chatbotsaas.auth.keycloak.TokenClaims;
import com.chatbotsaas.auth.keycloak.TokenResponse;
import com.chatbotsaas.auth.session.UserSessions;
import com.chatbotsaas.auth.throttle.Throttles;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registration, login, refresh, logout and the caller's account. Passwords and tokens pass through to Keycloak and
 * back to the client; they are never stored, logged or audited here.
 */
@Service
class Accounts {

    private final KeycloakAccounts keycloak;
    private final Throttles throttles;
    private final UserSessions sessions;
    private final EmailVerifications verifications;
    private final JsonMapper jsonMapper;

    Accounts(
            KeycloakAccounts keycloak,
            Throttles throttles,
            UserSessions sessions,
            EmailVerifications verifications,
            JsonMapper jsonMapper) {
        this.keycloak = keycloak;
        this.throttles = throttles;
        this.sessions = sessions;
        this.verifications = verifications;
        this.jsonMapper = jsonMapper;
    }

    RegisterResponse register(RegisterRequest request) {
        String email = normalized(request.email());
        AuditContext.current().data("email", email);
        if (!request.password().equals(request.passwordConfirmation())) {
            throw ApiException.invalid("password_confirmation", "does not match the password");
        }
        String name = request.name().strip();
        String id = keycloak.createUser(name, email, request.password());
        // The new user is both the actor and the resource; user-org-service builds its profile from this data.
        AuditContext.current().resourceId(id).actor(id, "user").data("name", name);
        verifications.sendForNewAccount(id, name, email);
        return new RegisterResponse(new UserSummary(id, name, email));
    }

    /**
     * Throttled per client address and per email before Keycloak is asked; only wrong credentials count as failures,
     * and a right password clears the email's count.
     */
    LoginResponse login(LoginRequest request, Client client) {
        String email = normalized(request.email());
        AuditContext.current().data("email", email);
        throttles.checkPasswordAttempt(client.address(), email);
        TokenResponse tokens;
        try {
            tokens = keycloak.passwordGrant(email, request.password());
        } catch (ApiException e) {
            if (e.errorCode() == ErrorCode.UNAUTHENTICATED) {
                throttles.passwordAttemptFailed(client.address(), email);
            }
            throw e;
        }
        throttles.passwordAttemptSucceeded(client.address(), email);
        TokenClaims claims = claims(tokens);
        if (claims.sessionId() != null) {
            sessions.opened(claims.sessionId(), claims.subject(), client.address(), client.userAgent());
        }
        return response(tokens, claims, email);
    }

    LoginResponse refresh(RefreshRequest request) {
        TokenResponse tokens = keycloak.refresh(request.refreshToken());
        TokenClaims claims = claims(tokens);
        return response(tokens, claims, claims.email());
    }

    /**
     * Ends the session of the refresh token, which must be the caller's own: a refresh token of another user is
     * refused as invalid rather than used to end someone else's session.
     */
    void logout(LogoutRequest request) {
        Caller caller = Caller.current();
        TokenClaims claims = TokenClaims.read(request.refreshToken(), jsonMapper)
                .filter(c -> c.subject().equals(caller.id()))
                .orElseThrow(() -> ApiException.invalid("refresh_token", "is invalid"));
        // The token's claims were read without checking its signature: its session id counts only once Keycloak has
        // accepted the token. A refused one (forged, expired, already ended) ends nothing here either.
        if (keycloak.endSession(request.refreshToken()) && claims.sessionId() != null) {
            AuditContext.current().resourceId(claims.sessionId());
            sessions.ended(claims.sessionId());
        }
    }

    /**
     * Ends the session of a browser's refresh token (the console's cookie, which only that browser sends): holding the
     * token is the authority here, as it is for refreshing. Ends nothing unless Keycloak accepts the token.
     */
    void endBrowserSession(String refreshToken) {
        Optional<TokenClaims> claims = TokenClaims.read(refreshToken, jsonMapper);
        if (keycloak.endSession(refreshToken) && claims.isPresent()) {
            TokenClaims accepted = claims.get();
            AuditContext.current().actor(accepted.subject(), "user");
            if (accepted.sessionId() != null) {
                AuditContext.current().resourceId(accepted.sessionId());
                sessions.ended(accepted.sessionId());
            }
        }
    }

    AccountView me() {
        Caller caller = Caller.current();
        KeycloakUser user = keycloak.findUser(caller.id()).orElseThrow(() -> ApiException.notFound("Account"));
        return new AccountView(user.id(), user.name(), user.email(), user.emailVerified(), user.createdAt());
    }

    private LoginResponse response(TokenResponse tokens, TokenClaims claims, @Nullable String email) {
        AuditContext.current()
                .resourceId(claims.subject())
                .actor(claims.subject(), "user")
                .data("session_id", claims.sessionId());
        String resolvedEmail = claims.email() != null ? claims.email() : email;
        return new LoginResponse(
                tokens.accessToken(),
                tokens.refreshToken(),
                "Bearer",
                tokens.expiresIn(),
                tokens.refreshExpiresIn(),
                new UserSummary(
                        claims.subject(), claims.name() != null ? claims.name() : resolvedEmail, resolvedEmail));
    }

    private TokenClaims claims(TokenResponse tokens) {
        return TokenClaims.read(tokens.accessToken(), jsonMapper)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.UPSTREAM_ERROR, "The identity provider answered with an unreadable token"));
    }

    static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Where a login comes from: the client's address (throttling, sessions list) and its user agent. */
    record Client(String address, @Nullable String userAgent) {}
}
