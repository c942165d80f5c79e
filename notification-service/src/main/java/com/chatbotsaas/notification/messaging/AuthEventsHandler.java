package com.chatbotsaas.notification.messaging;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.notification.inbox.Inbox;
import com.chatbotsaas.notification.mail.MailTemplates;
import com.chatbotsaas.notification.mail.Mailer;
import com.chatbotsaas.notification.recipient.Directory;
import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.events.ReceivedEvent;
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
            case "auth.password.change" -> onPasswordChanged(event);
            default -> {}
        }
    }

    private void onRegistered(ReceivedEvent event) {
        Account account = event.dataAs(Account.class, jsonMapper);
        if (account.resourceId() == null || account.email() == null) {
            return;
        }
        UUID userId = UUID.fromString(account.resourceId());
        String name = account.name() == null ? account.email() : account.name();
        consumer.handle(CONSUMER, event, () -> {
            directory.user(userId, account.email(), name);
            String locale = directory.localeOf(userId, null);
            mailer.send(
                    event.id() + ":welcome:" + userId,
                    "welcome",
                    account.email(),
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
        Account account = event.dataAs(Account.class, jsonMapper);
        if (account.resourceId() == null || account.email() == null) {
            return;
        }
        consumer.handle(
                CONSUMER,
                event,
                () -> directory.user(
                        UUID.fromString(account.resourceId()),
                        account.email(),
                        account.name() == null ? account.email() : account.name()));
    }

    private void onPasswordChanged(ReceivedEvent event) {
        String actor = event.attribute("actorid");
        if (actor == null || !"user".equals(event.attribute("actortype"))) {
            return;
        }
        UUID userId = UUID.fromString(actor);
        consumer.handle(CONSUMER, event, () -> {
            Locale language = templates.locale(directory.localeOf(userId, null));
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

    /** What this service reads of {@code auth.register} and {@code user.create} data. */
    record Account(
            @Nullable String resourceId,
            @Nullable String email,
            @Nullable String name) {}
}
