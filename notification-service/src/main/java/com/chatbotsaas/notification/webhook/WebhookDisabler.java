package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.Actions;
import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.notification.inbox.Inbox;
import com.chatbotsaas.notification.mail.MailTemplates;
import com.chatbotsaas.notification.mail.Mailer;
import com.chatbotsaas.notification.recipient.Directory;
import com.chatbotsaas.notification.recipient.Recipient;
import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.events.EventExtensions;
import com.chatbotsaas.platform.events.EventPublisher;
import com.chatbotsaas.platform.events.PlatformEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disables a webhook that failed too many deliveries in a row, in the transaction that recorded the last failure:
 * the {@code webhook.delivery.disable} event, an email and an in-app notification to each of the organization's
 * owners. Deliveries still pending wait, and resume when the webhook is activated again.
 */
@Component
class WebhookDisabler {

    private static final Logger log = LoggerFactory.getLogger(WebhookDisabler.class);

    private final JdbcClient jdbc;
    private final EventPublisher events;
    private final Directory directory;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Inbox inbox;
    private final NotificationProperties properties;

    WebhookDisabler(
            JdbcClient jdbc,
            EventPublisher events,
            Directory directory,
            Mailer mailer,
            MailTemplates templates,
            Inbox inbox,
            NotificationProperties properties) {
        this.jdbc = jdbc;
        this.events = events;
        this.directory = directory;
        this.mailer = mailer;
        this.templates = templates;
        this.inbox = inbox;
        this.properties = properties;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void disable(UUID webhookId, UUID lastDeliveryId, int failures) {
        Disabled disabled = jdbc.sql("""
                        update webhook set active = false, disabled_reason = 'consecutive_failures', updated_at = now()
                        where id = ? and active returning organization_id, url""")
                .param(webhookId)
                .query((rs, n) -> new Disabled(rs.getObject("organization_id", UUID.class), rs.getString("url")))
                .optional()
                .orElse(null);
        if (disabled == null) {
            return;
        }
        log.warn(
                "Disabled webhook {} of organization {} after {} failed deliveries in a row",
                webhookId,
                disabled.organizationId(),
                failures);
        PlatformEvent event = PlatformEvent.of(
                Actions.WEBHOOK_DELIVERY_DISABLE,
                "success",
                "/notification-service",
                EventExtensions.system().organization(disabled.organizationId()),
                new WebhookDisabled(
                        "webhook", webhookId, WebhookUrls.redacted(disabled.url()), failures, lastDeliveryId));
        events.publish(event);
        String organization = directory
                .organizationName(OrganizationId.of(disabled.organizationId()))
                .orElse(disabled.organizationId().toString());
        String link = properties.baseUrl() + "/organizations/" + disabled.organizationId() + "/webhooks/" + webhookId;
        List<Recipient> owners = directory.owners(OrganizationId.of(disabled.organizationId()));
        if (owners.isEmpty()) {
            log.warn(
                    "No known owner of organization {} to tell about webhook {}", disabled.organizationId(), webhookId);
        }
        for (Recipient owner : owners) {
            mailer.send(
                    event.id() + ":webhook-disabled:" + owner.userId(),
                    "webhook-disabled",
                    owner.email(),
                    owner.locale(),
                    List.of(organization),
                    Map.of(
                            "name", owner.name(),
                            "url", WebhookUrls.redacted(disabled.url()),
                            "organizationName", organization,
                            "failures", failures,
                            "webhooksUrl", link));
            Locale language = templates.locale(owner.locale());
            inbox.add(
                    owner.userId(),
                    disabled.organizationId(),
                    event.id(),
                    "webhook-disabled",
                    templates.text("inbox.webhook-disabled.title", language, organization),
                    templates.text(
                            "inbox.webhook-disabled.body",
                            language,
                            organization,
                            WebhookUrls.redacted(disabled.url()),
                            failures),
                    Map.of("webhook_id", webhookId.toString()));
        }
    }

    private record Disabled(UUID organizationId, String url) {}

    /** The data of the {@code webhook.delivery.disable} event; the URL without its secret parts. */
    record WebhookDisabled(
            String resourceType, UUID resourceId, String url, int consecutiveFailures, UUID lastDeliveryId) {}
}
