package com.chatbotsaas.audit.log;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One stored audit record, as the API returns it. */
public record AuditRecord(
        UUID id,
        String eventId,
        String action,
        String outcome,
        @Nullable String actorId,
        @Nullable String actorType,
        @Nullable UUID organizationId,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable Integer statusCode,
        @Nullable String errorCode,
        @Nullable String ipAddress,
        @Nullable String userAgent,
        @Nullable String requestId,
        @Nullable String traceId,
        JsonNode data,
        Instant occurredAt,
        Instant receivedAt) {}
