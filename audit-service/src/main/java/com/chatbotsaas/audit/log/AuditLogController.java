package com.chatbotsaas.audit.log;

import com.chatbotsaas.audit.Actions;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
    private final AuditExport export;
    private final ChainVerifier verifier;

    AuditLogController(AuditLogs auditLogs, AuditExport export, ChainVerifier verifier) {
        this.auditLogs = auditLogs;
        this.export = export;
        this.verifier = verifier;
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

    /** Every matching record, newest first, streamed as NDJSON or CSV; the export is itself audited. */
    @GetMapping("/api/v1/organizations/{orgId}/audit-logs/export")
    @RequiresPermission("audit.export")
    @Audited(action = Actions.AUDIT_EXPORT, resourceType = "audit_log")
    void export(
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "ndjson") String format,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(name = "actor_id", required = false) @Nullable String actorId,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(name = "resource_type", required = false) @Nullable String resourceType,
            @RequestParam(name = "resource_id", required = false) @Nullable String resourceId,
            @RequestParam(name = "request_id", required = false) @Nullable String requestId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            HttpServletResponse response)
            throws IOException {
        AuditExport.Format chosen = switch (format) {
            case "ndjson" -> AuditExport.Format.NDJSON;
            case "csv" -> AuditExport.Format.CSV;
            default -> throw ApiException.invalid("format", "must be ndjson or csv");
        };
        AuditQuery query = new AuditQuery(
                orgId,
                action,
                actorId,
                outcome,
                resourceType,
                resourceId,
                requestId,
                from,
                to,
                null,
                Integer.MAX_VALUE);
        AuditContext.current().data("format", format).data("filters", filters(query));
        response.setStatus(200);
        response.setContentType(chosen.contentType + ";charset=UTF-8");
        response.setHeader(
                "Content-Disposition", "attachment; filename=\"audit-logs-" + orgId + "." + chosen.extension + "\"");
        long written = export.write(query, chosen, response.getOutputStream());
        AuditContext.current().data("records", written);
    }

    /** Walks the organization's chain (or the part received between {@code from} and {@code to}). */
    @GetMapping("/api/v1/organizations/{orgId}/audit-logs/verify")
    @RequiresPermission("audit.read")
    ApiResponse<ChainVerifier.Verification> verify(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to) {
        ChainVerifier.Verification verification = verifier.verify(orgId, from, to);
        return ApiResponse.of(verification.valid() ? "Audit chain verified" : "Audit chain broken", verification);
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

    private static Map<String, Object> filters(AuditQuery query) {
        Map<String, Object> filters = new LinkedHashMap<>();
        putIfPresent(filters, "action", query.action());
        putIfPresent(filters, "actor_id", query.actorId());
        putIfPresent(filters, "outcome", query.outcome());
        putIfPresent(filters, "resource_type", query.resourceType());
        putIfPresent(filters, "resource_id", query.resourceId());
        putIfPresent(filters, "request_id", query.requestId());
        putIfPresent(filters, "from", query.from());
        putIfPresent(filters, "to", query.to());
        return filters;
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
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
