package com.chatbotsaas.audit.log;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Filters of an audit-log query. {@code action} matches a prefix when it ends with {@code *} ({@code chatbot.*}),
 * else exactly.
 */
record AuditQuery(
        @Nullable UUID organizationId,
        @Nullable String action,
        @Nullable String actorId,
        @Nullable String outcome,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String requestId,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable Cursor after,
        int limit) {}
