package com.chatbotsaas.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Page-number pagination of the API conventions: {@code page} from 1, {@code per_page} 1..100 (default 15), answered
 * with {@code meta.pagination {page, per_page, total, last_page}}.
 */
public record PageQuery(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 15;
    public static final int MAX_PER_PAGE = 100;

    /** Validates the query parameters as sent (absent means the default); out of range is a 422 on the field. */
    public static PageQuery of(@Nullable Integer page, @Nullable Integer perPage) {
        int p = page == null ? 1 : page;
        int pp = perPage == null ? DEFAULT_PER_PAGE : perPage;
        if (p < 1) {
            throw ApiException.invalid("page", "must be at least 1");
        }
        if (pp < 1 || pp > MAX_PER_PAGE) {
            throw ApiException.invalid("per_page", "must be between 1 and " + MAX_PER_PAGE);
        }
        return new PageQuery(p, pp);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }

    /** The {@code meta} of a page of {@code total} items. */
    public Map<String, Object> meta(long total) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("page", page);
        pagination.put("per_page", perPage);
        pagination.put("total", total);
        pagination.put("last_page", Math.max(1, (total + perPage - 1) / perPage));
        return Map.of("pagination", pagination);
    }
}
