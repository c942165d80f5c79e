package com.chatbotsaas.chatbot.organization;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import java.util.Map;
import java.util.Objects;
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
            boolean archived,
            boolean suspended) {}

    private final JdbcClient jdbc;
    private final ChatbotProperties properties;

    OrganizationPlans(JdbcClient jdbc, ChatbotProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Records the plan from a member's access answer. Read first, and written only when it changed: an upsert locks
     * the organization's row even when it changes nothing, and a message is sent in a transaction that lasts until its
     * commit, so every message of an organization queued behind the one before it (3.4 ms of lock wait per message at
     * 100 messages/s).
     */
    public Plan remember(OrganizationAccess access) {
        Map<String, Long> limits = access.limits() == null ? Map.of() : access.limits();
        boolean suspended = "suspended".equals(access.organizationStatus());
        Plan plan = new Plan(access.plan(), limits.get("monthly_messages"), limits.get("chatbots"), false, suspended);
        Plan known = find(access.organizationId()).orElse(null);
        if (known != null
                && known.plan().equals(plan.plan())
                && Objects.equals(known.monthlyMessages(), plan.monthlyMessages())
                && Objects.equals(known.chatbots(), plan.chatbots())
                && known.suspended() == plan.suspended()) {
            return plan;
        }
        jdbc.sql("""
                        insert into organization_plan (organization_id, plan, monthly_messages, chatbots, suspended)
                        values (?, ?, ?, ?, ?)
                        on conflict (organization_id) do update
                            set plan = excluded.plan, monthly_messages = excluded.monthly_messages,
                                chatbots = excluded.chatbots, suspended = excluded.suspended, updated_at = now()
                            where organization_plan.plan is distinct from excluded.plan
                               or organization_plan.monthly_messages is distinct from excluded.monthly_messages
                               or organization_plan.chatbots is distinct from excluded.chatbots
                               or organization_plan.suspended is distinct from excluded.suspended
                        """)
                .param(access.organizationId())
                .param(plan.plan())
                .param(plan.monthlyMessages())
                .param(plan.chatbots())
                .param(suspended)
                .update();
        return plan;
    }

    /** The plan last seen; an organization never seen gets the default quota. */
    public Plan of(UUID organizationId) {
        return find(organizationId).orElse(new Plan("free", properties.defaultMonthlyMessages(), null, false, false));
    }

    private Optional<Plan> find(UUID organizationId) {
        return jdbc.sql("select plan, monthly_messages, chatbots, archived, suspended from organization_plan"
                        + " where organization_id = ?")
                .params(organizationId)
                .query((rs, row) -> new Plan(
                        rs.getString("plan"),
                        (Long) rs.getObject("monthly_messages"),
                        (Long) rs.getObject("chatbots"),
                        rs.getBoolean("archived"),
                        rs.getBoolean("suspended")))
                .optional();
    }

    /** The organization was deleted: nothing of it is processed any more. */
    public void markDeleted(UUID organizationId) {
        jdbc.sql("""
                        insert into organization_plan (organization_id, plan, archived) values (?, 'free', true)
                        on conflict (organization_id) do update set archived = true, updated_at = now()
                        """).params(organizationId).update();
    }

    /**
     * The organization was suspended (or reactivated) by an operator: while suspended its widget answers 404. Its
     * members' requests are refused already, as user-org-service grants no permissions in a suspended organization.
     */
    public void markSuspended(UUID organizationId, boolean suspended) {
        jdbc.sql("""
                        insert into organization_plan (organization_id, plan, suspended) values (?, 'free', ?)
                        on conflict (organization_id) do update set suspended = excluded.suspended, updated_at = now()
                        """).params(organizationId, suspended).update();
    }

    public int priority(UUID organizationId) {
        return properties.priorityOf(of(organizationId).plan());
    }
}
