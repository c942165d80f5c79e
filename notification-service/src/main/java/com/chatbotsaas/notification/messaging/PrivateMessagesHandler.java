package com.chatbotsaas.notification.messaging;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.notification.mail.Mailer;
import com.chatbotsaas.notification.recipient.Directory;
import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.events.ReceivedEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages on the notifications exchange, which carry one-time tokens: the password reset and email verification
 * emails (from auth-service) and the invitation email (from user-org-service). Links are built from this service's public base URL.
 */
@Component
class PrivateMessagesHandler {

    private static final Logger log = LoggerFactory.getLogger(PrivateMessagesHandler.class);
    private static final String CONSUMER = "notification-service.messages";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final IdempotentConsumer consumer;
    private final JsonMapper jsonMapper;
    private final Directory directory;
    private final Mailer mailer;
    private final NotificationProperties properties;

    PrivateMessagesHandler(
            IdempotentConsumer consumer,
            JsonMapper jsonMapper,
            Directory directory,
            Mailer mailer,
            NotificationProperties properties) {
        this.consumer = consumer;
        this.jsonMapper = jsonMapper;
        this.directory = directory;
        this.mailer = mailer;
        this.properties = properties;
    }

    void on(ReceivedEvent event) {
        switch (event.action()) {
            case "auth.password.reset_requested" -> onPasswordReset(event);
            case "auth.email.verification_requested" -> onEmailVerification(event);
            case "notification.invitation" -> onInvitation(event);
            default -> log.debug("Ignoring message {} of type {}", event.id(), event.type());
        }
    }

    private void onPasswordReset(ReceivedEvent event) {
        PasswordReset reset = Fields.data(event, PasswordReset.class, jsonMapper);
        String email = reset.email();
        String token = reset.token();
        if (email == null || token == null) {
            throw new RejectedEvent(RejectedEvent.MISSING_FIELD, "Password reset message without email or token");
        }
        UUID userId = Fields.uuid(reset.userId(), "user_id");
        String name = reset.name() == null || reset.name().isBlank() ? email : reset.name();
        consumer.handle(
                CONSUMER,
                event,
                () -> mailer.send(
                        event.id() + ":password-reset:" + email,
                        "password-reset",
                        email,
                        directory.localeOf(userId, email),
                        List.of(),
                        Map.of(
                                "name",
                                name,
                                "resetUrl",
                                properties.baseUrl() + "/password/reset?token=" + encode(token) + "&email="
                                        + encode(email),
                                "expiresAt",
                                when(reset.expiresAt()))));
    }

    private void onEmailVerification(ReceivedEvent event) {
        EmailVerification verification = Fields.data(event, EmailVerification.class, jsonMapper);
        String email = verification.email();
        String token = verification.token();
        if (email == null || token == null) {
            throw new RejectedEvent(RejectedEvent.MISSING_FIELD, "Email verification message without email or token");
        }
        UUID userId = Fields.uuid(verification.userId(), "user_id");
        String name = verification.name() == null || verification.name().isBlank() ? email : verification.name();
        consumer.handle(
                CONSUMER,
                event,
                () -> mailer.send(
                        event.id() + ":email-verification:" + email,
                        "email-verification",
                        email,
                        directory.localeOf(userId, email),
                        List.of(),
                        Map.of(
                                "name",
                                name,
                                "verifyUrl",
                                properties.baseUrl() + "/email/verify?token=" + encode(token),
                                "expiresAt",
                                when(verification.expiresAt()))));
    }

    private void onInvitation(ReceivedEvent event) {
        Invitation invitation = Fields.data(event, Invitation.class, jsonMapper);
        String email = invitation.email();
        String token = invitation.token();
        if (email == null || token == null) {
            throw new RejectedEvent(RejectedEvent.MISSING_FIELD, "Invitation message without email or token");
        }
        String organization = invitation.organizationName() == null ? "" : invitation.organizationName();
        String inviter =
                invitation.inviterName() == null || invitation.inviterName().isBlank()
                        ? organization
                        : invitation.inviterName();
        consumer.handle(
                CONSUMER,
                event,
                () -> mailer.send(
                        event.id() + ":invitation:" + email,
                        "invitation",
                        email,
                        directory.localeOf(null, email),
                        List.of(inviter, organization),
                        Map.of(
                                "inviterName",
                                inviter,
                                "organizationName",
                                organization,
                                "role",
                                invitation.role() == null ? "member" : invitation.role(),
                                "acceptUrl",
                                properties.baseUrl() + "/invitations/" + encode(token),
                                "expiresAt",
                                when(invitation.expiresAt()))));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String when(@Nullable String instant) {
        if (instant == null) {
            return "";
        }
        try {
            return WHEN.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** What this service reads of {@code auth.password.reset_requested}. */
    record PasswordReset(
            @Nullable String userId,
            @Nullable String email,
            @Nullable String name,
            @Nullable String token,
            @Nullable String expiresAt) {}

    /** What this service reads of {@code auth.email.verification_requested}. */
    record EmailVerification(
            @Nullable String userId,
            @Nullable String email,
            @Nullable String name,
            @Nullable String token,
            @Nullable String expiresAt) {}

    /** What this service reads of {@code notification.invitation}. */
    record Invitation(
            @Nullable String email,
            @Nullable String organizationName,
            @Nullable String inviterName,
            @Nullable String role,
            @Nullable String token,
            @Nullable String expiresAt) {}
}
