package com.chatbotsaas.auth.password;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.auth.keycloak.KeycloakAccounts;
import com.chatbotsaas.auth.keycloak.KeycloakUser;
import com.chatbotsaas.auth.session.UserSessions;
import com.chatbotsaas.auth.throttle.Throttles;
import com.chatbotsaas.auth.token.OneTimeTokens;
import com.chatbotsaas.auth.token.TokenMessage;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.events.EventExtensions;
import com.chatbotsaas.platform.events.EventPublisher;
import com.chatbotsaas.platform.events.MessagingProperties;
import com.chatbotsaas.platform.events.PlatformEvent;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import com.chatbotsaas.platform.web.RequestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Password change (with the current password), forgot (a one-time token for notification-service) and reset (with
 * that token). The token travels only on the notifications exchange, which the audit trail does not bind; the
 * audited events never carry it.
 */
@Service
class Passwords {

    private static final Logger log = LoggerFactory.getLogger(Passwords.class);

    private final KeycloakAccounts keycloak;
    private final UserSessions sessions;
    private final Throttles throttles;
    private final ResetTokens tokens;
    private final EventPublisher publisher;
    private final MessagingProperties messaging;
    private final PasswordResetProperties properties;

    Passwords(
            KeycloakAccounts keycloak,
            UserSessions sessions,
            Throttles throttles,
            ResetTokens tokens,
            EventPublisher publisher,
            MessagingProperties messaging,
            PasswordResetProperties properties) {
        this.keycloak = keycloak;
        this.sessions = sessions;
        this.throttles = throttles;
        this.tokens = tokens;
        this.publisher = publisher;
        this.messaging = messaging;
        this.properties = properties;
    }

    /**
     * Checks the current password with Keycloak (throttled like a login), sets the new one, then ends every other
     * session: whoever else knew the old password is signed out everywhere but here.
     */
    void change(ChangePasswordRequest request, String clientAddress) {
        Caller caller = Caller.current();
        AuditContext.current().resourceId(caller.id());
        if (caller.service()) {
            throw ApiException.forbidden();
        }
        if (!request.password().equals(request.passwordConfirmation())) {
            throw ApiException.invalid("password_confirmation", "does not match the password");
        }
        if (request.password().equals(request.currentPassword())) {
            throw ApiException.invalid("password", "must differ from the current password");
        }
        String email = Optional.ofNullable(caller.email())
                .or(() -> keycloak.findUser(caller.id()).map(KeycloakUser::email))
                .map(e -> e.toLowerCase(Locale.ROOT))
                .orElseThrow(ApiException::forbidden);
        throttles.checkPasswordAttempt(clientAddress, email);
        try {
            keycloak.passwordGrant(email, request.currentPassword());
        } catch (ApiException e) {
            if (e.errorCode() == ErrorCode.UNAUTHENTICATED) {
                throttles.passwordAttemptFailed(clientAddress, email);
                throw ApiException.invalid("current_password", "is incorrect");
            }
            throw e;
        }
        throttles.passwordAttemptSucceeded(email);
        keycloak.setPassword(caller.id(), request.password());
        // The check above opened a session of its own; it goes with the others.
        String kept = caller.token().getClaimAsString("sid");
        sessions.endAllExcept(caller.id(), kept);
        // The gateway refuses the user's older access tokens at once, except this session's (its device goes on).
        AuditContext.current().data("session_id", kept);
        revokeTokensIssuedUpToNow();
    }

    /**
     * Answers the same whether or not the email belongs to an account. For an enabled account, issues a token and
     * hands it to notification-service, at most a few times per window per email so the endpoint cannot flood an inbox.
     */
    void forgot(ForgotPasswordRequest request, String clientAddress) {
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        AuditContext.current().data("email", email);
        Optional<KeycloakUser> user = keycloak.findUserByEmail(email).filter(KeycloakUser::enabled);
        boolean sent = false;
        if (user.isPresent()) {
            AuditContext.current().resourceId(user.get().id());
            if (throttles.allowResetMessage(email)) {
                OneTimeTokens.Issued issued = tokens.issue(user.get().id(), properties.tokenTtl(), clientAddress);
                publisher.publishTo(
                        messaging.notificationsExchange(),
                        PlatformEvent.message(
                                Actions.PASSWORD_RESET_REQUESTED,
                                "/auth-service",
                                EventExtensions.none().requestId(RequestIds.current()),
                                TokenMessage.of(
                                        user.get().id(), email, user.get().name(), issued)));
                sent = true;
            } else {
                log.info("Password reset email suppressed: too many requests for one address");
            }
        }
        AuditContext.current().data("message_sent", sent);
    }

    /** Sets the new password if the token is valid, then ends every session and lifts any brute-force lockout. */
    void reset(ResetPasswordRequest request) {
        if (!request.password().equals(request.passwordConfirmation())) {
            throw ApiException.invalid("password_confirmation", "does not match the password");
        }
        String userId = tokens.consume(request.token()).orElseThrow(ResetTokenInvalid::new);
        AuditContext.current().resourceId(userId).actor(userId, "user");
        KeycloakUser user =
                keycloak.findUser(userId).filter(KeycloakUser::enabled).orElseThrow(ResetTokenInvalid::new);
        keycloak.setPassword(userId, request.password());
        sessions.endAll(userId);
        keycloak.clearLoginFailures(userId);
        if (user.email() != null) {
            throttles.passwordAttemptSucceeded(user.email());
        }
        revokeTokensIssuedUpToNow();
    }

    /**
     * Names the second up to which the user's access tokens are revoked ({@code tokens_revoked_up_to}, epoch seconds:
     * the gateway refuses every token of the user issued up to it, the kept session's aside), then answers only once
     * that second is over. Tokens carry their issue time in whole seconds, so without the wait a client that signs in
     * within the same second as the change — a script, a fast browser — got a new token that the gateway refused as
     * older. The old sessions are ended before this, so none of them can be issued a token after the cut.
     */
    private static void revokeTokensIssuedUpToNow() {
        Instant now = Instant.now();
        AuditContext.current().data("tokens_revoked_up_to", now.getEpochSecond());
        Duration rest = Duration.between(now, Instant.ofEpochSecond(now.getEpochSecond() + 1));
        try {
            Thread.sleep(rest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Scheduled(fixedDelayString = "${auth.password-reset.cleanup-interval:1h}", initialDelayString = "1m")
    void deleteSettledTokens() {
        int deleted = tokens.deleteSettledBefore(properties.retention());
        if (deleted > 0) {
            log.info("Deleted {} used or expired password reset tokens", deleted);
        }
    }

    /** One answer for unknown, used and expired tokens: which one it was helps nobody but an attacker. */
    private static final class ResetTokenInvalid extends ApiException {
        ResetTokenInvalid() {
            super(
                    ErrorCode.VALIDATION_ERROR,
                    "The given data was invalid",
                    Map.of("token", List.of("is invalid or has expired")),
                    null);
        }
    }
}
