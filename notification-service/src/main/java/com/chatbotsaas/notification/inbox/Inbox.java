package com.chatbotsaas.notification.inbox;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.PageQuery;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Each user's notifications. A notification is stored once per event and type, however often the event arrives. */
@Service
public class Inbox {

    private static final String COLUMNS =
            "id, organization_id, type, title, body, data::text as data, read_at, created_at from notification";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Inbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a notification for a user; a second call for the same event and type changes nothing. */
    @Transactional
    public void add(
            UUID userId,
            @Nullable UUID organizationId,
            String eventId,
            String type,
            String title,
            String body,
            Map<String, Object> data) {
        jdbc.sql("""
                        insert into notification (id, user_id, organization_id, event_id, type, title, body, data)
                        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (user_id, event_id, type) do nothing""")
                .param(Uuids.v7())
                .param(userId)
                .param(organizationId)
                .param(eventId)
                .param(type)
                .param(title)
                .param(body)
                .param(json.writeValueAsString(data))
                .update();
    }

    @Transactional(readOnly = true)
    Page list(UUID userId, boolean unreadOnly, PageQuery page) {
        String filter = unreadOnly ? " and read_at is null" : "";
        long total = jdbc.sql("select count(*) from notification where user_id = ?" + filter)
                .param(userId)
                .query(Long.class)
                .single();
        long unread = jdbc.sql("select count(*) from notification where user_id = ? and read_at is null")
                .param(userId)
                .query(Long.class)
                .single();
        List<NotificationResponse> items = jdbc.sql("select " + COLUMNS + " where user_id = ?" + filter
                        + " order by created_at desc, id desc limit ? offset ?")
                .params(userId, page.perPage(), page.offset())
                .query((rs, n) -> NotificationResponse.from(rs, json))
                .list();
        return new Page(items, total, unread);
    }

    @Transactional
    NotificationResponse markRead(UUID userId, UUID id) {
        AuditContext.current().resourceId(id);
        jdbc.sql("update notification set read_at = now() where id = ? and user_id = ? and read_at is null")
                .params(id, userId)
                .update();
        return jdbc.sql("select " + COLUMNS + " where id = ? and user_id = ?")
                .params(id, userId)
                .query((rs, n) -> NotificationResponse.from(rs, json))
                .optional()
                .orElseThrow(() -> ApiException.notFound("Notification"));
    }

    @Transactional
    int markAllRead(UUID userId) {
        int updated = jdbc.sql("update notification set read_at = now() where user_id = ? and read_at is null")
                .param(userId)
                .update();
        AuditContext.current().data("count", updated);
        return updated;
    }

    record Page(List<NotificationResponse> items, long total, long unread) {}
}
