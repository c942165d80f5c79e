package com.chatbotsaas.audit.log;

import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditLogController {

    private final AuditLogs auditLogs;

    AuditLogController(AuditLogs auditLogs) {
        this.auditLogs = auditLogs;
    }

    @GetMapping("/api/v1/organizations/{orgId}/audit-logs")
    @RequiresPermission("audit.read")
    ApiResponse<List<AuditRecord>> list(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(name = "actor_id", required = false) @Nullable String actorId,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(name = "resource_type", required = false) @Nullable String resourceType,
            @RequestParam(name = "resource_id", required = false) @Nullable String resourceId,
            @RequestParam(name = "request_id", required = false) @Nullable String requestId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(name = "per_page", defaultValue = "15") int perPage) {
        return page(new AuditQuery(
                orgId,
                action,
                actorId,
                outcome,
                resourceType,
                resourceId,
                requestId,
                from,
                to,
                cursorOf(cursor),
                perPage(perPage)));
    }

    @GetMapping("/api/v1/organizations/{orgId}/audit-logs/{id}")
    @RequiresPermission("audit.read")
    ApiResponse<AuditRecord> one(@PathVariable UUID orgId, @PathVariable UUID id) {
        return ApiResponse.of(
                "Audit log retrieved",
                auditLogs.findOne(orgId, id).orElseThrow(() -> ApiException.notFound("Audit log")));
    }

    /** Across organizations, for operators holding the realm role {@code platform-admin}. */
    @GetMapping("/api/v1/admin/audit-logs")
    ApiResponse<List<AuditRecord>> all(
            @RequestParam(name = "organization_id", required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(name = "actor_id", required = false) @Nullable String actorId,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(name = "request_id", required = false) @Nullable String requestId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(name = "per_page", defaultValue = "15") int perPage) {
        if (!Caller.current().hasRealmRole("platform-admin")) {
            throw ApiException.forbidden();
        }
        return page(new AuditQuery(
                organizationId,
                action,
                actorId,
                outcome,
                null,
                null,
                requestId,
                null,
                null,
                cursorOf(cursor),
                perPage(perPage)));
    }

    private ApiResponse<List<AuditRecord>> page(AuditQuery query) {
        List<AuditRecord> records = auditLogs.find(query);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("per_page", query.limit());
        if (records.size() == query.limit()) {
            AuditRecord last = records.getLast();
            meta.put("next_cursor", new Cursor(last.occurredAt(), last.id()).encode());
        } else {
            meta.put("next_cursor", null);
        }
        return ApiResponse.page("Audit logs retrieved", records, meta);
    }

    private static @Nullable Cursor cursorOf(@Nullable String cursor) {
        return cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
    }

    private static int perPage(int perPage) {
        if (perPage < 1 || perPage > 100) {
            throw ApiException.invalid("per_page", "must be between 1 and 100");
        }
        return perPage;
    }
}
