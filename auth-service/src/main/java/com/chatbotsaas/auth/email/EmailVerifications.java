package com.chatbotsaas.auth.email;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.auth.keycloak.KeycloakAccounts;
import com.chatbotsaas.auth.keycloak.KeycloakUser;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Proof that an account's owner controls its email: a one-time token goes to notification-service on the
 * notifications exchange (never on the audited events), which emails the link; following it marks the email verified
 * in Keycloak, and tokens issued from then on say so. Until then the account works, but whatever trusts the email (an
 * invitation to it) must not.
 */
@Service
public class EmailVerifications {

    private static final Logger log = LoggerFactory.getLogger(EmailVerifications.class);

    private final KeycloakAccounts keycloak;
    private final Throttles throttles;
    private final VerificationTokens tokens;
    private final EventPublisher publisher;
    private final MessagingProperties messaging;
    private final EmailVerificationProperties properties;

    EmailVerifications(
            KeycloakAccounts keycloak,
            Throttles throttles,
            VerificationTokens tokens,
            EventPublisher publisher,
            MessagingProperties messaging,
            EmailVerificationProperties properties) {
        this.keycloak = keycloak;
        this.throttles = throttles;
        this.tokens = tokens;
        this.publisher = publisher;
        this.messaging = messaging;
        this.properties = properties;
    }

    /**
     * Sends the verification link of a new account, in the transaction that records its creation. Quietly skipped
     * when the address already had its share of emails this window: the owner can ask again later.
     */
    public void sendForNewAccount(String userId, String name, String email) {
        if (newAccountWait(email) > 0) {
            log.info("Verification email suppressed: too many for one address");
            return;
        }
        send(userId, name, email);
    }

    /** Sends a fresh link to the caller (spending older ones); 409 when already verified, 429 beyond the limit. */
    void resend() {
        Caller caller = Caller.current();
        AuditContext.current().resourceId(caller.id());
        if (caller.service()) {
            throw ApiException.forbidden();
        }
        KeycloakUser user = keycloak.findUser(caller.id()).orElseThrow(() -> ApiException.notFound("Account"));
        if (user.email() == null) {
            throw ApiException.conflict("The account has no email to verify");
        }
        String email = user.email().toLowerCase(Locale.ROOT);
        AuditContext.current().data("email", email);
        if (user.emailVerified()) {
            throw ApiException.conflict("The email is already verified");
        }
        long wait = throttles.verificationMessageWait(email);
        if (wait > 0) {
            throw Throttles.rateLimited("Too many verification emails, try again in " + wait + " s", wait);
        }
        send(user.id(), user.name(), email);
    }

    /** Marks the email verified if the token is valid; unknown, used and expired tokens get the same 422. */
    void verify(VerifyEmailRequest request) {
        VerificationTokens.Verified verified =
                tokens.consume(request.token()).orElseThrow(VerificationTokenInvalid::new);
        AuditContext.current()
                .resourceId(verified.userId())
                .actor(verified.userId(), "user")
                .data("email", verified.email());
        if (!keycloak.markEmailVerified(verified.userId(), verified.email())) {
            throw new VerificationTokenInvalid();
        }
    }

    @Scheduled(fixedDelayString = "${auth.email-verification.cleanup-interval:1h}", initialDelayString = "1m")
    void deleteSettledTokens() {
        int deleted = tokens.deleteSettledBefore(properties.retention());
        if (deleted > 0) {
            log.info("Deleted {} used or expired email verification tokens", deleted);
        }
    }

    /**
     * The throttle's answer for a new account's first email. Creating an account must not depend on the counter: when
     * Redis is down and the throttle fails closed, the email goes anyway (a fresh address has had none yet).
     */
    private long newAccountWait(String email) {
        try {
            return throttles.verificationMessageWait(email);
        } catch (ApiException e) {
            if (e.errorCode() != ErrorCode.SERVICE_UNAVAILABLE) {
                throw e;
            }
            return 0;
        }
    }

    private void send(String userId, String name, String email) {
        OneTimeTokens.Issued issued = tokens.issue(userId, email, properties.tokenTtl());
        publisher.publishTo(
                messaging.notificationsExchange(),
                PlatformEvent.message(
                        Actions.EMAIL_VERIFICATION_REQUESTED,
                        "/auth-service",
                        EventExtensions.none().requestId(RequestIds.current()),
                        TokenMessage.of(userId, email, name, issued)));
    }

    /** One answer for unknown, used and expired tokens: which one it was helps nobody but an attacker. */
    private static final class VerificationTokenInvalid extends ApiException {
        VerificationTokenInvalid() {
            super(
                    ErrorCode.VALIDATION_ERROR,
                    "The given data was invalid",
                    Map.of("token", List.of("is invalid or has expired")),
                    null);
        }
    }
}
