package com.chatbotsaas.audit.log;

import com.chatbotsaas.audit.Actions;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** How long an organization's audit records are kept. */
@RestController
class RetentionController {

    private final Retention retention;

    RetentionController(Retention retention) {
        this.retention = retention;
    }

    @GetMapping("/api/v1/organizations/{orgId}/audit-logs/retention")
    @RequiresPermission("audit.read")
    ApiResponse<RetentionView> show(@PathVariable UUID orgId) {
        return ApiResponse.of("Audit retention retrieved", new RetentionView(retention.days(orgId)));
    }

    @PutMapping("/api/v1/organizations/{orgId}/audit-logs/retention")
    @RequiresPermission("org.update")
    @Audited(action = Actions.AUDIT_RETENTION_UPDATE, resourceType = "audit_retention")
    ApiResponse<RetentionView> change(@PathVariable UUID orgId, @Valid @RequestBody RetentionRequest request) {
        if (request.retentionDays() < retention.minDays()) {
            throw ApiException.invalid("retention_days", "must be at least " + retention.minDays() + " days");
        }
        int before = retention.days(orgId);
        retention.choose(orgId, request.retentionDays());
        AuditContext.current().resourceId(orgId).change("retention_days", before, request.retentionDays());
        return ApiResponse.of("Audit retention updated", new RetentionView(request.retentionDays()));
    }

    record RetentionRequest(@NotNull @Min(1) @Max(3650) Integer retentionDays) {}

    record RetentionView(int retentionDays) {}
}
