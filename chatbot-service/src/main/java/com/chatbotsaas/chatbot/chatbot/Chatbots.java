package com.chatbotsaas.chatbot.chatbot;

import com.chatbotsaas.chatbot.Actions;
import com.chatbotsaas.chatbot.chatbot.ChatbotRequests.CreateChatbotRequest;
import com.chatbotsaas.chatbot.chatbot.ChatbotRequests.UpdateChatbotRequest;
import com.chatbotsaas.chatbot.organization.OrganizationPlans;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.events.EventExtensions;
import com.chatbotsaas.platform.events.EventPublisher;
import com.chatbotsaas.platform.events.PlatformEvent;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import com.chatbotsaas.platform.web.PageQuery;
import com.chatbotsaas.platform.web.Statuses;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The chatbots of an organization: creation, settings, lifecycle, the widget key, deletion. */
@Service
public class Chatbots {

    static final String DEFAULT_FALLBACK = "Sorry, I don't know the answer to that yet.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChatbotStore store;
    private final EngineSettings engines;
    private final OrganizationPlans plans;
    private final EventPublisher events;

    Chatbots(ChatbotStore store, EngineSettings engines, OrganizationPlans plans, EventPublisher events) {
        this.store = store;
        this.engines = engines;
        this.plans = plans;
        this.events = events;
    }

    /** A chatbot of the organization, or 404 (also for another organization's chatbot). */
    @Transactional(readOnly = true)
    public Chatbot get(UUID organizationId, UUID id) {
        return store.find(organizationId, id).orElseThrow(() -> ApiException.notFound("Chatbot"));
    }

    @Transactional(readOnly = true)
    public Optional<Chatbot> findAny(UUID id) {
        return store.findAny(id);
    }

    /** The chatbot's fallback message, also for a deleted chatbot. */
    @Transactional(readOnly = true)
    public Optional<String> fallbackMessage(UUID id) {
        return store.fallbackMessage(id);
    }

    @Transactional(readOnly = true)
    public Optional<Chatbot> byPublicKey(String publicKey) {
        return store.findByPublicKey(publicKey);
    }

    @Transactional(readOnly = true)
    Map.Entry<List<ChatbotResponse>, Map<String, Object>> list(
            UUID organizationId, @Nullable String status, @Nullable String q, PageQuery page, boolean writer) {
        ChatbotStatus wanted = status == null ? null : Statuses.parse(ChatbotStatus.class, "status", status);
        String query = q == null || q.isBlank() ? null : q;
        List<ChatbotResponse> items = store.page(organizationId, wanted, query, page.perPage(), page.offset()).stream()
                .map(bot -> ChatbotResponse.of(bot, writer))
                .toList();
        return Map.entry(items, page.meta(store.count(organizationId, wanted, query)));
    }

    @Transactional
    ChatbotResponse create(UUID organizationId, CreateChatbotRequest request, OrganizationAccess access) {
        OrganizationPlans.Plan plan = plans.remember(access);
        if (plan.chatbots() != null && plan.chatbots() >= 0 && store.countAll(organizationId) >= plan.chatbots()) {
            throw new ApiException(
                    ErrorCode.QUOTA_EXCEEDED, "The plan allows " + plan.chatbots() + " chatbots; delete one first");
        }
        EngineSettings.Resolved engine = engines.resolve(request.engine(), null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Chatbot bot = new Chatbot(
                Uuids.v7(),
                organizationId,
                request.name().trim(),
                request.description(),
                engine.type(),
                engine.settings(),
                engine.secret(),
                engine.language(),
                ChatbotStatus.DRAFT,
                request.welcomeMessage(),
                blankToDefault(request.fallbackMessage()),
                origins(request.allowedOrigins()),
                newPublicKey(),
                "idle",
                null,
                now,
                now);
        store.insert(bot);
        AuditContext.current().resourceId(bot.id()).data("name", bot.name()).data("engine_type", bot.engineType());
        return ChatbotResponse.of(bot);
    }

    @Transactional
    ChatbotResponse update(UUID organizationId, UUID id, UpdateChatbotRequest request) {
        Chatbot current = store.lock(organizationId, id).orElseThrow(() -> ApiException.notFound("Chatbot"));
        AuditContext audit = AuditContext.current().resourceId(id);
        ChatbotStatus status = current.status();
        if (request.status() != null) {
            ChatbotStatus wanted = Statuses.parse(ChatbotStatus.class, "status", request.status());
            if (wanted != status) {
                status = Statuses.transition("chatbot", status, wanted);
            }
        }
        EngineSettings.Resolved engine = request.engine() == null
                ? new EngineSettings.Resolved(
                        current.engineType(), current.engineSettings(), current.engineSecret(), current.language())
                : engines.resolve(request.engine(), current);
        Chatbot updated = new Chatbot(
                current.id(),
                current.organizationId(),
                request.name() == null ? current.name() : request.name().trim(),
                request.description() == null ? current.description() : request.description(),
                engine.type(),
                engine.settings(),
                engine.secret(),
                engine.language(),
                status,
                request.welcomeMessage() == null ? current.welcomeMessage() : request.welcomeMessage(),
                request.fallbackMessage() == null ? current.fallbackMessage() : request.fallbackMessage(),
                request.allowedOrigins() == null ? current.allowedOrigins() : origins(request.allowedOrigins()),
                current.publicKey(),
                current.trainingStatus(),
                current.trainedAt(),
                current.createdAt(),
                Instant.now());
        change(audit, "name", current.name(), updated.name());
        change(audit, "description", current.description(), updated.description());
        change(audit, "status", current.status().value(), updated.status().value());
        change(audit, "engine_type", current.engineType(), updated.engineType());
        engineSettingsChange(audit, current.engineSettings(), updated.engineSettings());
        change(audit, "language", current.language(), updated.language());
        change(audit, "welcome_message", current.welcomeMessage(), updated.welcomeMessage());
        change(audit, "fallback_message", current.fallbackMessage(), updated.fallbackMessage());
        change(audit, "allowed_origins", current.allowedOrigins(), updated.allowedOrigins());
        if (!Objects.equals(current.engineSecret(), updated.engineSecret())) {
            // Said to have changed, never shown.
            audit.data("api_key_changed", true);
        }
        store.update(updated);
        return ChatbotResponse.of(updated);
    }

    /** A new widget key; the old one stops working at once. */
    @Transactional
    ChatbotResponse rotatePublicKey(UUID organizationId, UUID id) {
        Chatbot current = store.lock(organizationId, id).orElseThrow(() -> ApiException.notFound("Chatbot"));
        Chatbot rotated = withPublicKey(current, newPublicKey());
        store.update(rotated);
        AuditContext.current().resourceId(id).data("public_key_rotated", true);
        return ChatbotResponse.of(rotated);
    }

    @Transactional
    void delete(UUID organizationId, UUID id) {
        store.lock(organizationId, id).orElseThrow(() -> ApiException.notFound("Chatbot"));
        store.softDelete(organizationId, id);
        AuditContext.current().resourceId(id);
    }

    /** Training was requested: the re-index runs when the {@code chatbot.train} event comes back. */
    @Transactional
    String requestTraining(UUID organizationId, UUID id) {
        Chatbot bot = store.lock(organizationId, id).orElseThrow(() -> ApiException.notFound("Chatbot"));
        if (bot.archived()) {
            throw ApiException.conflict("An archived chatbot cannot be trained");
        }
        store.trainingStatus(id, "pending");
        AuditContext.current().resourceId(id).data("language", bot.language());
        return "pending";
    }

    @Transactional
    public void trainingStatus(UUID id, String status) {
        store.trainingStatus(id, status);
    }

    /** The organization was deleted: its chatbots are archived, each with an event. */
    @Transactional
    public List<UUID> archiveOrganization(UUID organizationId, @Nullable String requestId) {
        plans.markDeleted(organizationId);
        List<UUID> archived = store.archiveAll(organizationId);
        for (UUID id : archived) {
            EventExtensions extensions = EventExtensions.system()
                    .organization(organizationId)
                    .requestId(requestId)
                    .status(200);
            events.publish(PlatformEvent.of(
                    Actions.CHATBOT_UPDATE, "success", "/chatbot-service", extensions, new ChatbotArchived(id)));
        }
        return archived;
    }

    /** The data of the {@code chatbot.update} event of a chatbot archived with its deleted organization. */
    record ChatbotArchived(String resourceType, UUID resourceId, Map<String, List<String>> changes, String reason) {

        ChatbotArchived(UUID chatbotId) {
            this(
                    "chatbot",
                    chatbotId,
                    Map.of("status", List.of(ChatbotStatus.ACTIVE.value(), ChatbotStatus.ARCHIVED.value())),
                    "organization_deleted");
        }
    }

    private static Chatbot withPublicKey(Chatbot c, String key) {
        return new Chatbot(
                c.id(),
                c.organizationId(),
                c.name(),
                c.description(),
                c.engineType(),
                c.engineSettings(),
                c.engineSecret(),
                c.language(),
                c.status(),
                c.welcomeMessage(),
                c.fallbackMessage(),
                c.allowedOrigins(),
                key,
                c.trainingStatus(),
                c.trainedAt(),
                c.createdAt(),
                Instant.now());
    }

    /**
     * The engine settings' change with URLs as origins and the prompt as "[redacted]" (events reach webhooks and
     * viewers of the audit trail); {@code <field>_changed: true} says which of those changed.
     */
    private static void engineSettingsChange(
            AuditContext audit, Map<String, Object> before, Map<String, Object> after) {
        if (before.equals(after)) {
            return;
        }
        audit.change("engine_settings", EngineRedaction.forEvents(before), EngineRedaction.forEvents(after));
        for (String field : List.of("base_url", "webhook_url", EngineRedaction.PROMPT)) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                audit.data(field + "_changed", true);
            }
        }
    }

    private static void change(AuditContext audit, String field, @Nullable Object before, @Nullable Object after) {
        if (!Objects.equals(before, after)) {
            audit.change(field, before, after);
        }
    }

    private static String blankToDefault(@Nullable String fallback) {
        return fallback == null || fallback.isBlank() ? DEFAULT_FALLBACK : fallback;
    }

    private static List<String> origins(@Nullable List<String> origins) {
        if (origins == null) {
            return List.of();
        }
        for (String origin : origins) {
            if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw ApiException.invalid("allowed_origins", "each must be an origin like https://example.com");
            }
        }
        return origins.stream().distinct().toList();
    }

    private static String newPublicKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "pk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
