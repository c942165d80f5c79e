package com.chatbotsaas.auth.session;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One of the caller's sessions; {@code current} marks the one the request's token belongs to. */
record SessionView(
        String id,
        @Nullable String ipAddress,
        @Nullable String userAgent,
        Instant startedAt,
        Instant lastAccessAt,
        boolean current) {}
