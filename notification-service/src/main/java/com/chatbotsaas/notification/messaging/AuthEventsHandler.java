package com.chatbotsaas.notification.messaging;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.notification.inbox.Inbox;
import com.chatbotsaas.notification.mail.MailTemplates;
import com.chatbotsaas.notification.mail.Mailer;
import com.chatbotsaas.notification.recipient.Directory;
import com.chatbotsaas.notification.recipient.Recipient;
import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.events.ReceivedEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Events from auth-service: registrations (welcome), accounts and password changes. */
@Component
class AuthEventsHandler {

    private static final String CONSUMER = "notification-service.auth";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final IdempotentConsumer consumer;
    private final JsonMapper jsonMapper;
    private final Directory directory;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Inbox inbox;
    private final NotificationProperties properties;

    AuthEventsHandler(
            IdempotentConsumer consumer,
            JsonMapper jsonMapper,
            Directory directory,
            Mailer mailer,
            MailTemplates templates,
            Inbox inbox,
            NotificationProperties properties) {
        this.consumer = consumer;
        this.jsonMapper = jsonMapper;
        this.directory = directory;
        this.mailer = mailer;
        this.templates = templates;
        this.inbox = inbox;
        this.properties = properties;
    }

    void on(ReceivedEvent event) {
        switch (event.action()) {
            case "auth.register" -> onRegistered(event);
            case "user.create" -> onAccountCreated(event);
            case "auth.password.change", "auth.password.reset" -> onPasswordChanged(event);
            // Other auth events (logins, sessions) notify nobody; they still reach webhooks.
            default -> {}
        }
    }

    private void onRegistered(ReceivedEvent event) {
        Account account = Fields.data(event, Account.class, jsonMapper);
        UUID userId = Fields.required(Fields.uuid(account.resourceId(), "resource_id"), "resource_id");
        String email = Fields.required(account.email(), "email");
        String name = account.name() == null ? email : account.name();
        consumer.handle(CONSUMER, event, () -> {
            directory.user(userId, email, name);
            String locale = directory.localeOf(userId, null);
            mailer.send(
                    event.id() + ":welcome:" + userId,
                    "welcome",
                    email,
                    locale,
                    List.of(name),
                    Map.of("name", name, "loginUrl", properties.baseUrl() + "/login"));
            Locale language = templates.locale(locale);
            inbox.add(
                    userId,
                    null,
                    event.id(),
                    "welcome",
                    templates.text("inbox.welcome.title", language),
                    templates.text("inbox.welcome.body", language),
                    Map.of());
        });
    }

    /** The account behind an administrator's "create user"; user-org-service's own event sends the email. */
    private void onAccountCreated(ReceivedEvent event) {
        Account account = Fields.data(event, Account.class, jsonMapper);
        UUID userId = Fields.required(Fields.uuid(account.resourceId(), "resource_id"), "resource_id");
        String email = Fields.required(account.email(), "email");
        consumer.handle(
                CONSUMER, event, () -> directory.user(userId, email, account.name() == null ? email : account.name()));
    }

    /** A changed or reset password: a security notice by email and in the inbox, to the account's owner. */
    private void onPasswordChanged(ReceivedEvent event) {
        Account account = Fields.data(event, Account.class, jsonMapper);
        String subject = account.resourceId() != null ? account.resourceId() : event.attribute("actorid");
        UUID userId = Fields.required(Fields.uuid(subject, "resource_id"), "resource_id");
        String when = event.attribute("time");
        consumer.handle(CONSUMER, event, () -> {
            Recipient recipient = directory.find(userId).orElse(null);
            Locale language = templates.locale(recipient == null ? null : recipient.locale());
            if (recipient != null) {
                mailer.send(
                        event.id() + ":password-changed:" + userId,
                        "password-changed",
                        recipient.email(),
                        recipient.locale(),
                        List.of(),
                        Map.of(
                                "name",
                                recipient.name(),
                                "when",
                                when == null ? "" : formatted(when),
                                "forgotUrl",
                                properties.baseUrl() + "/password/forgot"));
            }
            inbox.add(
                    userId,
                    null,
                    event.id(),
                    "password-changed",
                    templates.text("inbox.password-changed.title", language),
                    templates.text("inbox.password-changed.body", language),
                    Map.of());
        });
    }

    private static String formatted(String instant) {
        try {
            return WHEN.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** What this service reads of {@code auth.register} and {@code user.create} data. */
    record Account(
            @Nullable String resourceId,
            @Nullable String email,
            @Nullable String name) {}
}
