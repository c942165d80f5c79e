package com.chatbotsaas.auth.keycloak;

import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts, sessions and tokens in Keycloak: the admin API as auth-service's service account, the token and logout
 * endpoints as the public client users log in through. Every call goes through the circuit breaker; passwords and
 * tokens are passed on, never logged.
 */
@Component
public class KeycloakAccounts {

    private static final Logger log = LoggerFactory.getLogger(KeycloakAccounts.class);

    private final Keycloak admin;
    private final RestClient http;
    private final KeycloakProperties properties;
    private final KeycloakCalls calls;
    private final JsonMapper jsonMapper;

    KeycloakAccounts(
            Keycloak admin,
            RestClient keycloakRestClient,
            KeycloakProperties properties,
            KeycloakCalls calls,
            JsonMapper jsonMapper) {
        this.admin = admin;
        this.http = keycloakRestClient;
        this.properties = properties;
        this.calls = calls;
        this.jsonMapper = jsonMapper;
    }

    /**
     * Creates an enabled account whose username is the email; returns its id (the tokens' subject). The email is not
     * verified until its owner follows the link auth-service sends (whoever registers may not own the address). A
     * taken email is a 409, a password the realm's policy refuses or a name the user profile refuses a 422.
     */
    public String createUser(String name, String email, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(false);
        user.setFirstName(name);
        user.setEnabled(true);
        user.setCredentials(List.of(password(password)));
        return calls.call(() -> {
            try (Response response = realm().users().create(user)) {
                return switch (response.getStatus()) {
                    case 201 -> CreatedResponseUtil.getCreatedId(response);
                    case 409 ->
                        throw new ApiException(
                                ErrorCode.CONFLICT,
                                "The email has already been taken",
                                Map.of("email", List.of("has already been taken")),
                                null);
                    case 400 -> throw KeycloakErrors.rejected(response, jsonMapper);
                    default -> throw unexpected("create a user", response.getStatus());
                };
            }
        });
    }

    /** The password grant through auth-service's own client; wrong credentials (or a locked account) are a 401. */
    public TokenResponse passwordGrant(String email, String password) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "password");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        form.add("username", email);
        form.add("password", password);
        form.add("scope", "openid");
        return token(form, "Invalid credentials");
    }

    /** New tokens for a refresh token; an expired, revoked or foreign refresh token is a 401. */
    public TokenResponse refresh(String refreshToken) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "refresh_token");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        form.add("refresh_token", refreshToken);
        return token(form, "The refresh token is invalid or expired");
    }

    /**
     * Ends the session of a refresh token. Keycloak checks the token: whether it accepted it (true) or refused it as
     * invalid, expired or already ended (false) — only then is anything read from the token to be trusted.
     */
    public boolean endSession(String refreshToken) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        form.add("refresh_token", refreshToken);
        return calls.call(() -> http.post()
                .uri(properties.logoutEndpoint())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (response.getStatusCode().is2xxSuccessful()) {
                        return true;
                    }
                    if (status == 400) {
                        return false;
                    }
                    throw unexpected("end a session", status);
                }));
    }

    public Optional<KeycloakUser> findUser(String id) {
        return calls.call(() -> {
            try {
                return Optional.of(user(realm().users().get(id).toRepresentation()));
            } catch (NotFoundException e) {
                e.getResponse().close();
                return Optional.empty();
            }
        });
    }

    /** The account with exactly this email (emails are unique in the realm). */
    public Optional<KeycloakUser> findUserByEmail(String email) {
        return calls.call(() -> realm().users().searchByEmail(email, true).stream()
                .filter(u -> u.getEmail() != null && u.getEmail().equalsIgnoreCase(email))
                .findFirst()
                .map(KeycloakAccounts::user));
    }

    /** The user's active sessions; none for an unknown user. */
    public List<KeycloakSession> sessions(String userId) {
        return calls.call(() -> {
            try {
                return realm().users().get(userId).getUserSessions().stream()
                        .map(KeycloakAccounts::session)
                        .toList();
            } catch (NotFoundException e) {
                e.getResponse().close();
                return List.of();
            }
        });
    }

    /** Ends one session; its refresh tokens stop working. An unknown session is already ended. */
    public void deleteSession(String sessionId) {
        calls.run(() -> {
            try {
                realm().deleteSession(sessionId, false);
            } catch (NotFoundException e) {
                e.getResponse().close();
            }
        });
    }

    /** Ends every session of the user. */
    public void endAllSessions(String userId) {
        calls.run(() -> {
            try {
                realm().users().get(userId).logout();
            } catch (NotFoundException e) {
                e.getResponse().close();
            }
        });
    }

    /** Replaces the password; one the realm's policy refuses is a 422 on {@code password}. */
    public void setPassword(String userId, String password) {
        calls.run(() -> {
            try {
                realm().users().get(userId).resetPassword(password(password));
            } catch (BadRequestException e) {
                try (Response response = e.getResponse()) {
                    throw KeycloakErrors.rejected(response, jsonMapper);
                }
            } catch (NotFoundException e) {
                e.getResponse().close();
                throw ApiException.notFound("Account");
            }
        });
    }

    /**
     * Marks the account's email verified if it is still the given address (a link sent to an address the account no
     * longer has proves nothing); false when it is not, or the account is gone. Tokens issued from then on carry
     * {@code email_verified: true}.
     */
    public boolean markEmailVerified(String userId, String email) {
        return calls.call(() -> {
            try {
                var resource = realm().users().get(userId);
                UserRepresentation user = resource.toRepresentation();
                if (user.getEmail() == null || !user.getEmail().equalsIgnoreCase(email)) {
                    return false;
                }
                if (!Boolean.TRUE.equals(user.isEmailVerified())) {
                    user.setEmailVerified(true);
                    resource.update(user);
                }
                return true;
            } catch (NotFoundException e) {
                e.getResponse().close();
                return false;
            }
        });
    }

    /** Lifts a temporary lockout of Keycloak's brute-force detection, e.g. once the owner proved it by a reset. */
    public void clearLoginFailures(String userId) {
        calls.run(() -> realm().attackDetection().clearBruteForceForUser(userId));
    }

    private TokenResponse token(MultiValueMap<String, String> form, String rejected) {
        return calls.call(() -> http.post()
                .uri(properties.tokenEndpoint())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
                    throw ApiException.unauthenticated(rejected);
                })
                .body(TokenResponse.class));
    }

    private RealmResource realm() {
        return admin.realm(properties.realm());
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }

    private static KeycloakUser user(UserRepresentation user) {
        String name = user.getFirstName() == null ? "" : user.getFirstName();
        if (user.getLastName() != null && !user.getLastName().isBlank()) {
            name = (name + " " + user.getLastName()).strip();
        }
        return new KeycloakUser(
                user.getId(),
                name.isBlank() ? user.getUsername() : name,
                user.getEmail() == null ? null : user.getEmail().toLowerCase(Locale.ROOT),
                Boolean.TRUE.equals(user.isEmailVerified()),
                Boolean.TRUE.equals(user.isEnabled()),
                user.getCreatedTimestamp() == null ? null : Instant.ofEpochMilli(user.getCreatedTimestamp()));
    }

    private static KeycloakSession session(UserSessionRepresentation session) {
        return new KeycloakSession(
                session.getId(),
                session.getIpAddress(),
                Instant.ofEpochMilli(session.getStart()),
                Instant.ofEpochMilli(session.getLastAccess()));
    }

    static ApiException unexpected(String what, int status) {
        log.error("Keycloak refused to {}: HTTP {}", what, status);
        return status >= 500
                ? ApiException.unavailable(KeycloakCalls.UNAVAILABLE, null)
                : new ApiException(ErrorCode.UPSTREAM_ERROR, "The identity provider refused the request");
    }
}
