package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Monthly message quotas: each accepted message counts against its organization's plan for the calendar month
 * (UTC). Counting and checking are one statement, so concurrent messages cannot overshoot the quota.
 */
@Component
class Quotas {

    private final JdbcClient jdbc;

    Quotas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one message, or answers 429 {@code QUOTA_EXCEEDED} with {@code Retry-After} when the month is spent. */
    void consume(UUID organizationId, @Nullable Long monthlyLimit) {
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        long limit = monthlyLimit == null ? -1 : monthlyLimit;
        boolean unlimited = limit < 0;
        int counted = unlimited || limit > 0
                ? jdbc.sql("""
                                insert into message_usage (organization_id, month, messages) values (?, ?, 1)
                                on conflict (organization_id, month) do update
                                    set messages = message_usage.messages + 1
                                    where ? or message_usage.messages < ?
                                """)
                        .params(organizationId, month, unlimited, unlimited ? 0 : limit)
                        .update()
                : 0;
        if (counted == 0) {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            ZonedDateTime next = month.plusMonths(1).atStartOfDay(ZoneOffset.UTC);
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                    && attributes.getResponse() != null) {
                attributes
                        .getResponse()
                        .setHeader(
                                "Retry-After",
                                Long.toString(Duration.between(now, next).toSeconds()));
            }
            throw new ApiException(ErrorCode.QUOTA_EXCEEDED, "The organization's monthly message quota is spent");
        }
    }

    long used(UUID organizationId) {
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        return jdbc.sql("select coalesce(sum(messages), 0) from message_usage where organization_id = ? and month = ?")
                .params(organizationId, month)
                .query(Long.class)
                .single();
    }
}
