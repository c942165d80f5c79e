package com.chatbotsaas.chatbot.organization;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The plan and limits of each organization as user-org-service last answered them for a member's request. Requests
 * with no member's token (the public widget, the reply workers) read them from here.
 */
@Component
public class OrganizationPlans {

    /** What the platform knows of an organization's plan; a limit of -1 or null is unlimited. */
    public record Plan(
            String plan,
            @Nullable Long monthlyMessages,
            @Nullable Long chatbots,
            boolean archived) {}

    private final JdbcClient jdbc;
    private final ChatbotProperties properties;

    OrganizationPlans(JdbcClient jdbc, ChatbotProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Records the plan from a member's access answer; cheap when unchanged. */
    public Plan remember(OrganizationAccess access) {
        Map<String, Long> limits = access.limits() == null ? Map.of() : access.limits();
        Plan plan = new Plan(access.plan(), limits.get("monthly_messages"), limits.get("chatbots"), false);
        jdbc.sql("""
                        insert into organization_plan (organization_id, plan, monthly_messages, chatbots)
                        values (?, ?, ?, ?)
                        on conflict (organization_id) do update
                            set plan = excluded.plan, monthly_messages = excluded.monthly_messages,
                                chatbots = excluded.chatbots, updated_at = now()
                            where organization_plan.plan is distinct from excluded.plan
                               or organization_plan.monthly_messages is distinct from excluded.monthly_messages
                               or organization_plan.chatbots is distinct from excluded.chatbots
                        """)
                .params(access.organizationId(), plan.plan(), plan.monthlyMessages(), plan.chatbots())
                .update();
        return plan;
    }

    /** The plan last seen; an organization never seen gets the default quota. */
    public Plan of(UUID organizationId) {
        return find(organizationId).orElse(new Plan("free", properties.defaultMonthlyMessages(), null, false));
    }

    private Optional<Plan> find(UUID organizationId) {
        return jdbc.sql(
                        "select plan, monthly_messages, chatbots, archived from organization_plan where organization_id = ?")
                .params(organizationId)
                .query((rs, row) -> new Plan(
                        rs.getString("plan"),
                        (Long) rs.getObject("monthly_messages"),
                        (Long) rs.getObject("chatbots"),
                        rs.getBoolean("archived")))
                .optional();
    }

    /** The organization was deleted: nothing of it is processed any more. */
    public void markDeleted(UUID organizationId) {
        jdbc.sql("""
                        insert into organization_plan (organization_id, plan, archived) values (?, 'free', true)
                        on conflict (organization_id) do update set archived = true, updated_at = now()
                        """).params(organizationId).update();
    }

    public int priority(UUID organizationId) {
        return properties.priorityOf(of(organizationId).plan());
    }
}
