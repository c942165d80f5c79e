package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.PageQuery;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Filters, search and order of a member list. {@code q} is full-text over name and email (each word a prefix);
 * {@code sort} is one of the columns below, {@code -} for descending.
 */
record MemberQuery(
        UUID organizationId,
        @Nullable String status,
        @Nullable String role,
        @Nullable String q,
        String sort,
        PageQuery page) {

    private static final Map<String, String> SORTABLE = Map.of(
            "name", "lower(u.name)",
            "email", "lower(u.email)",
            "joined_at", "m.joined_at",
            "created_at", "m.joined_at",
            "role", "m.role");

    MemberQuery {
        if (status != null && !status.matches("active|suspended")) {
            throw ApiException.invalid("status", "must be active or suspended");
        }
        String column = sort.startsWith("-") ? sort.substring(1) : sort;
        if (!SORTABLE.containsKey(column)) {
            throw ApiException.invalid("sort", "must be one of " + String.join(", ", SORTABLE.keySet()));
        }
    }

    /** The ORDER BY clause; the user id breaks ties so pages never overlap. */
    String orderBy() {
        boolean descending = sort.startsWith("-");
        String column = SORTABLE.get(descending ? sort.substring(1) : sort);
        return column + (descending ? " desc" : " asc") + ", m.user_id";
    }

    /** The search as a tsquery: every word must match the start of a word of the name or the email. */
    @Nullable
    String tsquery() {
        if (q == null || q.isBlank()) {
            return null;
        }
        StringBuilder query = new StringBuilder();
        for (String word : q.strip().split("\\s+")) {
            String term = word.replaceAll("[^\\p{L}\\p{N}@._+-]", "").toLowerCase(java.util.Locale.ROOT);
            if (!term.isEmpty()) {
                query.append(query.isEmpty() ? "" : " & ")
                        .append('\'')
                        .append(term)
                        .append("':*");
            }
        }
        return query.isEmpty() ? null : query.toString();
    }
}
