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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events from user-org-service: the mirror of organizations, memberships and profiles (names, languages, owners),
 * the "user created by an administrator" email and membership notifications.
 */
@Component
class UserOrgEventsHandler {

    private static final String CONSUMER = "notification-service.user-org";

    private final IdempotentConsumer consumer;
    private final JsonMapper jsonMapper;
    private final Directory directory;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Inbox inbox;
    private final NotificationProperties properties;

    UserOrgEventsHandler(
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
        UUID organizationId = uuid(event.attribute("orgid"));
        Data data = event.dataAs(Data.class, jsonMapper);
        UUID resourceId = uuid(data.resourceId());
        Runnable work = switch (event.action()) {
            case "org.create" -> onOrganizationCreated(event, organizationId, data);
            case "org.update" -> onOrganizationUpdated(organizationId, data);
            case "org.delete" -> organizationId == null ? null : () -> directory.organizationDeleted(organizationId);
            case "member.add" -> onMemberAdded(event, organizationId, resourceId, data.role());
            case "invitation.accept" ->
                onMemberAdded(event, organizationId, uuid(event.attribute("actorid")), data.role());
            case "member.update" -> onMemberUpdated(event, organizationId, resourceId, data);
            case "member.remove", "user.delete" ->
                organizationId == null || resourceId == null
                        ? null
                        : () -> directory.memberRemoved(organizationId, resourceId);
            case "user.create" -> onUserCreated(event, organizationId, resourceId, data);
            case "user.update" -> onUserUpdated(event, organizationId, resourceId, data);
            default -> null;
        };
        if (work != null) {
            consumer.handle(CONSUMER, event, work);
        }
    }

    private @Nullable Runnable onOrganizationCreated(ReceivedEvent event, @Nullable UUID organizationId, Data data) {
        UUID owner = uuid(event.attribute("actorid"));
        if (organizationId == null) {
            return null;
        }
        return () -> {
            if (data.name() != null) {
                directory.organization(organizationId, data.name());
            }
            if (owner != null) {
                directory.member(organizationId, owner, Directory.OWNER);
            }
        };
    }

    private @Nullable Runnable onOrganizationUpdated(@Nullable UUID organizationId, Data data) {
        String name = changed(data, "name");
        if (organizationId == null || name == null) {
            return null;
        }
        return () -> directory.organization(organizationId, name);
    }

    private @Nullable Runnable onMemberAdded(
            ReceivedEvent event, @Nullable UUID organizationId, @Nullable UUID userId, @Nullable String role) {
        if (organizationId == null || userId == null || role == null) {
            return null;
        }
        return () -> {
            directory.member(organizationId, userId, role);
            notifyMembership(event, organizationId, userId, "member-added", role);
        };
    }

    private @Nullable Runnable onMemberUpdated(
            ReceivedEvent event, @Nullable UUID organizationId, @Nullable UUID userId, Data data) {
        if (organizationId == null || userId == null) {
            return null;
        }
        String role = changed(data, "role");
        String status = changed(data, "status");
        if (role == null && status == null) {
            return null;
        }
        return () -> {
            if (role != null) {
                directory.member(organizationId, userId, role);
                notifyMembership(event, organizationId, userId, "role-changed", role);
            }
            if (status != null) {
                directory.memberActive(organizationId, userId, "active".equals(status));
            }
        };
    }

    /** user-org-service's "create user": the account's owner learns where and how to sign in. */
    private @Nullable Runnable onUserCreated(
            ReceivedEvent event, @Nullable UUID organizationId, @Nullable UUID userId, Data data) {
        if (!"user".equals(data.resourceType()) || organizationId == null || userId == null || data.email() == null) {
            return null;
        }
        String name = data.name() == null ? data.email() : data.name();
        String role = data.role() == null ? "member" : data.role();
        return () -> {
            directory.user(userId, data.email(), name);
            directory.member(organizationId, userId, role);
            String organization = organizationName(organizationId);
            mailer.send(
                    event.id() + ":user-created:" + userId,
                    "user-created",
                    data.email(),
                    directory.localeOf(userId, null),
                    List.of(organization),
                    Map.of(
                            "name", name,
                            "organizationName", organization,
                            "loginUrl", properties.baseUrl() + "/login"));
            notifyMembership(event, organizationId, userId, "member-added", role);
        };
    }

    private @Nullable Runnable onUserUpdated(
            ReceivedEvent event, @Nullable UUID organizationId, @Nullable UUID userId, Data data) {
        if (userId == null) {
            return null;
        }
        String name = changed(data, "name");
        String locale = changed(data, "locale");
        String role = changed(data, "role");
        String status = changed(data, "status");
        return () -> {
            if (name != null) {
                directory.rename(userId, name);
            }
            if (locale != null) {
                directory.locale(userId, locale);
            }
            if (organizationId != null && role != null) {
                directory.member(organizationId, userId, role);
                notifyMembership(event, organizationId, userId, "role-changed", role);
            }
            if (organizationId != null && status != null) {
                directory.memberActive(organizationId, userId, "active".equals(status));
            }
        };
    }

    private void notifyMembership(ReceivedEvent event, UUID organizationId, UUID userId, String type, String role) {
        Locale language = templates.locale(directory.localeOf(userId, null));
        String organization = organizationName(organizationId);
        inbox.add(
                userId,
                organizationId,
                event.id(),
                type,
                templates.text("inbox." + type + ".title", language, organization),
                templates.text("inbox." + type + ".body", language, organization, role),
                Map.of("organization_id", organizationId.toString(), "role", role));
    }

    private String organizationName(UUID organizationId) {
        return directory.organizationName(organizationId).orElse(organizationId.toString());
    }

    /** The new value of a changed field ({@code changes: {field: [old, new]}}). */
    private static @Nullable String changed(Data data, String field) {
        JsonNode change = data.changes() == null ? null : data.changes().get(field);
        if (change == null
                || !change.isArray()
                || change.size() != 2
                || change.get(1).isNull()) {
            return null;
        }
        return change.get(1).asString();
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What this service reads of tenancy events' data. */
    record Data(
            @Nullable String resourceType,
            @Nullable String resourceId,
            @Nullable String email,
            @Nullable String name,
            @Nullable String role,
            @Nullable JsonNode changes) {}
}
