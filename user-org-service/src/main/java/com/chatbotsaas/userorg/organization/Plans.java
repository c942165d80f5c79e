package com.chatbotsaas.userorg.organization;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits of each plan, read by other services through the access answer ({@code -1}: unlimited).
 *
 * @param limits plan name → limit name → value, e.g. {@code free.chatbots=3}
 */
@ConfigurationProperties("userorg.plans")
public record Plans(Map<String, Map<String, Long>> limits) {

    public Plans {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    /** Every limit of a plan; empty for a plan that names none. */
    public Map<String, Long> of(String plan) {
        return limits.getOrDefault(plan, Map.of());
    }

    /** One limit of a plan; {@code -1} (unlimited) when the plan does not name it. */
    public long limit(String plan, String name) {
        return of(plan).getOrDefault(name, -1L);
    }
}
