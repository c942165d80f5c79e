package com.chatbotsaas.notification.inbox;

import com.chatbotsaas.notification.Actions;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.PageQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notifications; nobody reads or marks another user's. */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    private final Inbox inbox;

    NotificationController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    ApiResponse<List<NotificationResponse>> list(
            @RequestParam(required = false) @Nullable String unread,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
        PageQuery query = PageQuery.of(page, perPage);
        Inbox.Page result = inbox.list(callerId(), unreadOnly(unread), query);
        Map<String, Object> meta = new LinkedHashMap<>(query.meta(result.total()));
        meta.put("unread_count", result.unread());
        return ApiResponse.page("Notifications retrieved", result.items(), meta);
    }

    @PostMapping("/{notificationId}/read")
    @Audited(action = Actions.NOTIFICATION_READ, resourceType = "notification")
    ApiResponse<NotificationResponse> read(@PathVariable UUID notificationId) {
        return ApiResponse.of("Notification marked as read", inbox.markRead(callerId(), notificationId));
    }

    @PostMapping("/read-all")
    @Audited(action = Actions.NOTIFICATION_READ, resourceType = "notification")
    ApiResponse<Map<String, Object>> readAll() {
        return ApiResponse.of("Notifications marked as read", Map.of("updated", inbox.markAllRead(callerId())));
    }

    /** {@code ?unread}, {@code ?unread=true} or {@code =1}: only unread ones; absent, {@code false} or {@code 0}: all. */
    private static boolean unreadOnly(@Nullable String unread) {
        if (unread == null) {
            return false;
        }
        return switch (unread.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "", "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.invalid("unread", "must be true or false");
        };
    }

    private static UUID callerId() {
        return UUID.fromString(Caller.current().id());
    }
}
