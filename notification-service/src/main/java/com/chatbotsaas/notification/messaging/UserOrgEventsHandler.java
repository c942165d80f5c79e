package com.chatbotsaas.notification.messaging;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.notification.inbox.Inbox;
import com.chatbotsaas.notification.mail.MailTemplates;
import com.chatbotsaas.notification.mail.Mailer;
import com.chatbotsaas.notification.recipient.Directory;
import com.chatbotsaas.platform.consumer.IdempotentConsumer;
import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
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
        UUID organizationId = Fields.uuid(event.attribute("orgid"), "orgid");
        Data data = Fields.data(event, Data.class, jsonMapper);
        UUID resourceId = Fields.uuid(data.resourceId(), "resource_id");
        Runnable work = switch (event.action()) {
            case "org.create" -> onOrganizationCreated(event, organization(organizationId), data);
            case "org.update" -> onOrganizationUpdated(organization(organizationId), data);
            case "org.delete" -> {
                OrganizationId organization = organization(organizationId);
                yield () -> directory.organizationDeleted(organization);
            }
            case "member.add" -> onMemberAdded(event, organization(organizationId), member(resourceId), data.role());
            case "invitation.accept" ->
                onMemberAdded(
                        event,
                        organization(organizationId),
                        UserId.of(Fields.required(Fields.uuid(event.attribute("actorid"), "actorid"), "actorid")),
                        data.role());
            case "member.update" -> onMemberUpdated(event, organization(organizationId), member(resourceId), data);
            case "member.remove", "user.delete" -> {
                OrganizationId organization = organization(organizationId);
                UserId member = member(resourceId);
                yield () -> directory.memberRemoved(organization, member);
            }
            case "user.create" -> onUserCreated(event, organization(organizationId), member(resourceId), data);
            case "user.update" ->
                onUserUpdated(
                        event,
                        organizationId == null ? null : OrganizationId.of(organizationId),
                        member(resourceId),
                        data);
            // Other tenancy events (roles, invitations sent) notify nobody; they still reach webhooks.
            default -> null;
        };
        if (work != null) {
            consumer.handle(CONSUMER, event, work);
        }
    }

    private static OrganizationId organization(@Nullable UUID organizationId) {
        return OrganizationId.of(Fields.required(organizationId, "orgid"));
    }

    private static UserId member(@Nullable UUID resourceId) {
        return UserId.of(Fields.required(resourceId, "resource_id"));
    }

    private Runnable onOrganizationCreated(ReceivedEvent event, OrganizationId organizationId, Data data) {
        // The creator owns it. A user's id is a UUID; a service's actor id may be a client id, which owns nothing here.
        UUID owner = "service".equals(event.attribute("actortype"))
                ? Fields.uuidOrNull(event.attribute("actorid"))
                : Fields.uuid(event.attribute("actorid"), "actorid");
        return () -> {
            if (data.name() != null) {
                directory.organization(organizationId, data.name());
            }
            if (owner != null) {
                directory.member(organizationId, UserId.of(owner), Directory.OWNER);
            }
        };
    }

    /** Null when the name did not change: nothing this service keeps changed. */
    private @Nullable Runnable onOrganizationUpdated(OrganizationId organizationId, Data data) {
        String name = changed(data, "name");
        if (name == null) {
            return null;
        }
        return () -> directory.organization(organizationId, name);
    }

    private Runnable onMemberAdded(
            ReceivedEvent event, OrganizationId organizationId, UserId userId, @Nullable String role) {
        String granted = Fields.required(role, "role");
        return () -> {
            directory.member(organizationId, userId, granted);
            notifyMembership(event, organizationId, userId, "member-added", granted);
        };
    }

    /** Null when neither role nor status changed: nothing this service keeps changed. */
    private @Nullable Runnable onMemberUpdated(
            ReceivedEvent event, OrganizationId organizationId, UserId userId, Data data) {
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
    private Runnable onUserCreated(ReceivedEvent event, OrganizationId organizationId, UserId userId, Data data) {
        if (!"user".equals(data.resourceType())) {
            throw new RejectedEvent(
                    RejectedEvent.UNEXPECTED_RESOURCE,
                    "user.create from user-org-service about a " + data.resourceType() + ", not a user");
        }
        String email = Fields.required(data.email(), "email");
        String name = data.name() == null ? email : data.name();
        String role = data.role() == null ? "member" : data.role();
        return () -> {
            directory.user(userId.value(), email, name);
            directory.member(organizationId, userId, role);
            String organization = organizationName(organizationId);
            mailer.send(
                    event.id() + ":user-created:" + userId,
                    "user-created",
                    email,
                    directory.localeOf(userId.value(), null),
                    List.of(organization),
                    Map.of(
                            "name", name,
                            "organizationName", organization,
                            "loginUrl", properties.baseUrl() + "/login"));
            notifyMembership(event, organizationId, userId, "member-added", role);
        };
    }

    private Runnable onUserUpdated(
            ReceivedEvent event, @Nullable OrganizationId organizationId, UserId userId, Data data) {
        String name = changed(data, "name");
        String locale = changed(data, "locale");
        String role = changed(data, "role");
        String status = changed(data, "status");
        return () -> {
            if (name != null) {
                directory.rename(userId.value(), name);
            }
            if (locale != null) {
                directory.locale(userId.value(), locale);
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

    private void notifyMembership(
            ReceivedEvent event, OrganizationId organizationId, UserId userId, String type, String role) {
        Locale language = templates.locale(directory.localeOf(userId.value(), null));
        String organization = organizationName(organizationId);
        inbox.add(
                userId.value(),
                organizationId.value(),
                event.id(),
                type,
                templates.text("inbox." + type + ".title", language, organization),
                templates.text("inbox." + type + ".body", language, organization, role),
                Map.of("organization_id", organizationId.toString(), "role", role));
    }

    private String organizationName(OrganizationId organizationId) {
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

    /** What this service reads of tenancy events' data. */
    record Data(
            @Nullable String resourceType,
            @Nullable String resourceId,
            @Nullable String email,
            @Nullable String name,
            @Nullable String role,
            @Nullable JsonNode changes) {}
}
