package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.crypto.SecretBox;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.outbound.OutboundGuard;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import com.chatbotsaas.platform.web.PageQuery;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** An organization's webhooks and their deliveries; every query is scoped to the organization. */
@Service
class Webhooks {

    private static final String WEBHOOK_COLUMNS = """
            id, url, event_types, description, active, disabled_reason, consecutive_failures, created_at, updated_at
            from webhook""";
    private static final String DELIVERY_COLUMNS = """
            id, webhook_id, event_id, event_type, status, attempts, response_status, next_attempt_at, created_at,
            delivered_at from webhook_delivery""";

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final WebhookUrls urls;
    private final WebhookDispatcher dispatcher;
    private final int maxPerOrganization;

    Webhooks(
            JdbcClient jdbc,
            SecretBox secrets,
            WebhookUrls urls,
            WebhookDispatcher dispatcher,
            NotificationProperties properties) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.urls = urls;
        this.dispatcher = dispatcher;
        this.maxPerOrganization = properties.webhooks().maxPerOrganization();
    }

    @Transactional
    WebhookResponse create(UUID organizationId, WebhookRequests.Create request) {
        OutboundGuard.Checked checked = urls.check(request.url());
        String url = checked.uri().toString();
        List<String> eventTypes = distinct(request.eventTypes());
        AuditContext.current().data("url", WebhookUrls.redacted(url)).data("event_types", eventTypes);
        checkRoomFor(organizationId);
        UUID id = Uuids.v7();
        String secret = Signatures.newSecret();
        jdbc.sql("""
                        insert into webhook (id, organization_id, url, description, event_types, secret_ciphertext)
                        values (?, ?, ?, ?, ?, ?)""")
                .param(id)
                .param(organizationId)
                .param(url)
                .param(blankToNull(request.description()))
                .param(eventTypes.toArray(String[]::new))
                .param(secrets.encrypt(secret))
                .update();
        AuditContext.current().resourceId(id);
        return get(organizationId, id)
                .withSecret(secret)
                .withWarning(checked.resolved() ? null : WebhookUrls.unresolvedWarning(checked.uri()));
    }

    /**
     * Each webhook multiplies the organization's deliveries, so their number is capped. Creations of one organization
     * are serialized (a transaction-scoped advisory lock) so that concurrent ones cannot both take the last place.
     */
    private void checkRoomFor(UUID organizationId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("webhook-quota:" + organizationId)
                .query((rs, n) -> 1)
                .list();
        long count = jdbc.sql("select count(*) from webhook where organization_id = ?")
                .param(organizationId)
                .query(Long.class)
                .single();
        if (count >= maxPerOrganization) {
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "The organization has reached its limit of " + maxPerOrganization + " webhooks",
                    Map.of(
                            "webhooks",
                            List.of("at most " + maxPerOrganization + " per organization; delete one first")),
                    null);
        }
    }

    @Transactional(readOnly = true)
    List<WebhookResponse> list(UUID organizationId) {
        return jdbc.sql("select " + WEBHOOK_COLUMNS + " where organization_id = ? order by created_at, id")
                .param(organizationId)
                .query((rs, n) -> webhook(rs))
                .list();
    }

    @Transactional(readOnly = true)
    WebhookResponse get(UUID organizationId, UUID id) {
        return jdbc.sql("select " + WEBHOOK_COLUMNS + " where organization_id = ? and id = ?")
                .params(organizationId, id)
                .query((rs, n) -> webhook(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("Webhook"));
    }

    @Transactional
    WebhookResponse update(UUID organizationId, UUID id, WebhookRequests.Update request) {
        WebhookResponse before = lock(organizationId, id);
        AuditContext audit = AuditContext.current();
        @Nullable String warning = null;
        if (request.url() != null) {
            OutboundGuard.Checked checked = urls.check(request.url());
            String url = checked.uri().toString();
            warning = checked.resolved() ? null : WebhookUrls.unresolvedWarning(checked.uri());
            if (!url.equals(before.url())) {
                audit.change("url", WebhookUrls.redacted(before.url()), WebhookUrls.redacted(url));
                jdbc.sql("update webhook set url = ? where id = ?")
                        .params(url, id)
                        .update();
            }
        }
        if (request.eventTypes() != null) {
            List<String> eventTypes = distinct(request.eventTypes());
            if (!eventTypes.equals(before.eventTypes())) {
                audit.change("event_types", before.eventTypes(), eventTypes);
                jdbc.sql("update webhook set event_types = ? where id = ?")
                        .params(eventTypes.toArray(String[]::new), id)
                        .update();
            }
        }
        if (request.description() != null) {
            String description = blankToNull(request.description());
            if (!Objects.equals(description, before.description())) {
                audit.change("description", before.description(), description);
                jdbc.sql("update webhook set description = ? where id = ?")
                        .param(description)
                        .param(id)
                        .update();
            }
        }
        if (request.active() != null && request.active() != before.active()) {
            audit.change("active", before.active(), request.active());
            // Re-activating starts the failure count afresh; paused deliveries resume.
            jdbc.sql("""
                            update webhook set active = ?, disabled_reason = case when ? then null else 'manual' end,
                            consecutive_failures = case when ? then 0 else consecutive_failures end where id = ?""")
                    .params(request.active(), request.active(), request.active(), id)
                    .update();
            if (request.active()) {
                wakeDispatcherAfterCommit();
            }
        }
        jdbc.sql("update webhook set updated_at = now() where id = ?").param(id).update();
        return get(organizationId, id).withWarning(warning);
    }

    @Transactional
    WebhookResponse rotateSecret(UUID organizationId, UUID id) {
        lock(organizationId, id);
        String secret = Signatures.newSecret();
        jdbc.sql("update webhook set secret_ciphertext = ?, updated_at = now() where id = ?")
                .params(secrets.encrypt(secret), id)
                .update();
        AuditContext.current().data("secret_rotated", true);
        return get(organizationId, id).withSecret(secret);
    }

    @Transactional
    void delete(UUID organizationId, UUID id) {
        WebhookResponse webhook = lock(organizationId, id);
        AuditContext.current().data("url", WebhookUrls.redacted(webhook.url()));
        jdbc.sql("delete from webhook where id = ?").param(id).update();
    }

    @Transactional(readOnly = true)
    Page deliveries(UUID organizationId, UUID webhookId, @Nullable String status, PageQuery page) {
        get(organizationId, webhookId);
        String filter = status == null ? "" : " and status = ?";
        Object[] params = status == null ? new Object[] {webhookId} : new Object[] {webhookId, status};
        long total = jdbc.sql("select count(*) from webhook_delivery where webhook_id = ?" + filter)
                .params(params)
                .query(Long.class)
                .single();
        List<DeliveryResponse> items = jdbc.sql("select " + DELIVERY_COLUMNS + " where webhook_id = ?" + filter
                        + " order by created_at desc, id desc limit " + page.perPage() + " offset " + page.offset())
                .params(params)
                .query((rs, n) -> delivery(rs))
                .list();
        return new Page(items, total);
    }

    @Transactional(readOnly = true)
    DeliveryResponse delivery(UUID organizationId, UUID webhookId, UUID deliveryId) {
        DeliveryResponse delivery = findDelivery(organizationId, webhookId, deliveryId);
        List<DeliveryResponse.Attempt> attempts = jdbc.sql("""
                        select attempt, status_code, latency_ms, error, attempted_at from webhook_attempt
                        where delivery_id = ? order by attempt""")
                .param(deliveryId)
                .query((rs, n) -> new DeliveryResponse.Attempt(
                        rs.getInt("attempt"),
                        (Integer) rs.getObject("status_code"),
                        rs.getLong("latency_ms"),
                        rs.getString("error"),
                        rs.getTimestamp("attempted_at").toInstant()))
                .list();
        return delivery.withAttempts(attempts);
    }

    /** Sends a delivery again now, with a fresh retry schedule, whatever became of it. */
    @Transactional
    DeliveryResponse redeliver(UUID organizationId, UUID webhookId, UUID deliveryId) {
        WebhookResponse webhook = lock(organizationId, webhookId);
        AuditContext.current().resourceId(deliveryId).data("webhook_id", webhookId);
        if (!webhook.active()) {
            throw ApiException.conflict("The webhook is disabled; activate it first");
        }
        findDelivery(organizationId, webhookId, deliveryId);
        jdbc.sql("""
                        update webhook_delivery set status = 'pending', round_attempts = 0, next_attempt_at = now()
                        where id = ?""").param(deliveryId).update();
        wakeDispatcherAfterCommit();
        return findDelivery(organizationId, webhookId, deliveryId);
    }

    private DeliveryResponse findDelivery(UUID organizationId, UUID webhookId, UUID deliveryId) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + " where id = ? and webhook_id = ? and organization_id = ?")
                .params(deliveryId, webhookId, organizationId)
                .query((rs, n) -> delivery(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("Delivery"));
    }

    private WebhookResponse lock(UUID organizationId, UUID id) {
        return jdbc.sql("select " + WEBHOOK_COLUMNS + " where organization_id = ? and id = ? for update")
                .params(organizationId, id)
                .query((rs, n) -> webhook(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("Webhook"));
    }

    private void wakeDispatcherAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wakeUp();
            }
        });
    }

    private static List<String> distinct(List<String> eventTypes) {
        return eventTypes.stream().map(String::strip).distinct().toList();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static WebhookResponse webhook(ResultSet rs) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookResponse(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                Arrays.asList((String[]) types.getArray()),
                rs.getString("description"),
                rs.getBoolean("active"),
                rs.getString("disabled_reason"),
                rs.getInt("consecutive_failures"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                null,
                null);
    }

    private static DeliveryResponse delivery(ResultSet rs) throws SQLException {
        return new DeliveryResponse(
                rs.getObject("id", UUID.class),
                rs.getObject("webhook_id", UUID.class),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("status"),
                rs.getInt("attempts"),
                (Integer) rs.getObject("response_status"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("delivered_at")),
                null);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    record Page(List<DeliveryResponse> items, long total) {}
}
