package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.chatbot.chatbot.Chatbot;
import com.chatbotsaas.chatbot.chatbot.Chatbots;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.core.status.Status;
import com.chatbotsaas.platform.crypto.Hashes;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.PageQuery;
import com.chatbotsaas.platform.web.Statuses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations with a chatbot: opened through the API by a member or through the widget by anyone holding the
 * chatbot's public key (who then gets a conversation token). A conversation is {@code open} (the bot replies),
 * {@code handoff} (a human took over: the bot stays silent) or {@code closed} (no more messages).
 */
@Service
public class Conversations {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS =
            "id, organization_id, chatbot_id, status, channel, external_user_id, metadata::text as metadata,"
                    + " token_hash, created_at, updated_at, last_message_at";

    /** Largest metadata stored with a conversation, as JSON bytes. */
    static final int METADATA_MAX_BYTES = 4096;
    /** Deepest nesting of metadata objects and arrays (a flat object is depth 1). */
    static final int METADATA_MAX_DEPTH = 3;
    /** Most keys and array elements in the metadata, counted at every level. */
    static final int METADATA_MAX_ENTRIES = 64;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Chatbots chatbots;
    private final MessageStore messages;
    private final Quotas quotas;

    Conversations(JdbcClient jdbc, JsonMapper json, Chatbots chatbots, MessageStore messages, Quotas quotas) {
        this.jdbc = jdbc;
        this.json = json;
        this.chatbots = chatbots;
        this.messages = messages;
        this.quotas = quotas;
    }

    /** A conversation row. */
    public record Conversation(
            UUID id,
            UUID organizationId,
            UUID chatbotId,
            ConversationStatus status,
            @Nullable String tokenHash,
            ConversationView view) {}

    /** A new conversation and, for the widget, its token (shown once). */
    public record Opened(
            ConversationView conversation, @Nullable String token) {}

    @Transactional
    public Opened open(
            Chatbot bot, String channel, @Nullable String externalUserId, @Nullable Map<String, Object> metadata) {
        if (bot.archived()) {
            throw ApiException.conflict("The chatbot is archived");
        }
        String metadataJson = boundedMetadata(metadata);
        UUID id = Uuids.v7();
        String token = null;
        String tokenHash = null;
        if (channel.equals("widget")) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = "ct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            tokenHash = Hashes.sha256Hex(token);
        }
        jdbc.sql("""
                        insert into conversation (id, organization_id, chatbot_id, channel, external_user_id, metadata,
                            token_hash)
                        values (?, ?, ?, ?, ?, cast(? as jsonb), ?)
                        """)
                .param(id)
                .param(bot.organizationId())
                .param(bot.id())
                .param(channel)
                .param(externalUserId)
                .param(metadataJson)
                .param(tokenHash)
                .update();
        AuditContext.current()
                .resourceId(id)
                .organizationId(bot.organizationId())
                .data("chatbot_id", bot.id())
                .data("channel", channel);
        return new Opened(require(bot.organizationId(), bot.id(), id).view(), token);
    }

    /**
     * A conversation opened through the widget: it costs one unit of the organization's monthly message quota, counted
     * in the same transaction, so that anonymous callers cannot open (and store) conversations for free.
     */
    @Transactional
    public Opened openPublic(
            Chatbot bot,
            @Nullable Long monthlyLimit,
            @Nullable String externalUserId,
            @Nullable Map<String, Object> metadata) {
        // Refused metadata costs nothing; open() checks it again, which is cheap.
        boundedMetadata(metadata);
        quotas.consume(bot.organizationId(), monthlyLimit);
        return open(bot, "widget", externalUserId, metadata);
    }

    /** The metadata as stored JSON, or 422 on {@code metadata} when it is too large, too deep or has too many keys. */
    private String boundedMetadata(@Nullable Map<String, Object> metadata) {
        String text = json.writeValueAsString(metadata == null ? Map.of() : metadata);
        if (text.getBytes(StandardCharsets.UTF_8).length > METADATA_MAX_BYTES) {
            throw ApiException.invalid("metadata", "must be at most " + METADATA_MAX_BYTES + " bytes as JSON");
        }
        int[] entries = {0};
        if (depth(metadata, entries) > METADATA_MAX_DEPTH) {
            throw ApiException.invalid("metadata", "must be nested at most " + METADATA_MAX_DEPTH + " levels deep");
        }
        if (entries[0] > METADATA_MAX_ENTRIES) {
            throw ApiException.invalid("metadata", "must have at most " + METADATA_MAX_ENTRIES + " keys and elements");
        }
        return text;
    }

    private static int depth(@Nullable Object value, int[] entries) {
        if (value instanceof Map<?, ?> map) {
            entries[0] += map.size();
            int deepest = 0;
            for (Object child : map.values()) {
                deepest = Math.max(deepest, depth(child, entries));
            }
            return deepest + 1;
        }
        if (value instanceof List<?> list) {
            entries[0] += list.size();
            int deepest = 0;
            for (Object child : list) {
                deepest = Math.max(deepest, depth(child, entries));
            }
            return deepest + 1;
        }
        return 0;
    }

    @Transactional(readOnly = true)
    Map.Entry<List<ConversationView>, Map<String, Object>> list(
            UUID organizationId, UUID chatbotId, @Nullable String status, PageQuery page) {
        chatbots.get(organizationId, chatbotId);
        String wanted = status == null
                ? null
                : Statuses.parse(ConversationStatus.class, "status", status).value();
        String filter =
                "organization_id = :org and chatbot_id = :bot" + (wanted == null ? "" : " and status = :status");
        List<ConversationView> items = jdbc
                .sql("select " + COLUMNS + " from conversation where " + filter
                        + " order by created_at desc, id desc limit :limit offset :offset")
                .param("org", organizationId)
                .param("bot", chatbotId)
                .param("status", wanted)
                .param("limit", page.perPage())
                .param("offset", page.offset())
                .query(this::map)
                .list()
                .stream()
                .map(Conversation::view)
                .toList();
        long total = jdbc.sql("select count(*) from conversation where " + filter)
                .param("org", organizationId)
                .param("bot", chatbotId)
                .param("status", wanted)
                .query(Long.class)
                .single();
        return Map.entry(items, page.meta(total));
    }

    /** A conversation of the organization's chatbot, or 404. */
    @Transactional(readOnly = true)
    Conversation require(UUID organizationId, UUID chatbotId, UUID id) {
        return find(organizationId, chatbotId, id).orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    Optional<Conversation> find(UUID organizationId, UUID chatbotId, UUID id) {
        return jdbc.sql("select " + COLUMNS
                        + " from conversation where id = ? and organization_id = ? and chatbot_id = ?")
                .params(id, organizationId, chatbotId)
                .query(this::map)
                .optional();
    }

    Optional<Conversation> findAny(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from conversation where id = ?")
                .params(id)
                .query(this::map)
                .optional();
    }

    /** The widget's conversation, when the token is its own; else 404, revealing nothing. */
    @Transactional(readOnly = true)
    public Conversation requireWithToken(Chatbot bot, UUID id, @Nullable String token) {
        Conversation conversation =
                find(bot.organizationId(), bot.id(), id).orElseThrow(() -> ApiException.notFound("Conversation"));
        if (token == null
                || conversation.tokenHash() == null
                || !MessageDigest.isEqual(
                        conversation.tokenHash().getBytes(StandardCharsets.US_ASCII),
                        Hashes.sha256Hex(token).getBytes(StandardCharsets.US_ASCII))) {
            throw ApiException.notFound("Conversation");
        }
        return conversation;
    }

    @Transactional
    ConversationView updateStatus(UUID organizationId, UUID chatbotId, UUID id, String status) {
        Conversation current = jdbc.sql("select " + COLUMNS
                        + " from conversation where id = ? and organization_id = ? and chatbot_id = ? for update")
                .params(id, organizationId, chatbotId)
                .query(this::map)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Conversation"));
        AuditContext audit = AuditContext.current().resourceId(id).data("chatbot_id", chatbotId);
        ConversationStatus wanted = Statuses.parse(ConversationStatus.class, "status", status);
        if (current.status() != wanted) {
            Statuses.transition("conversation", current.status(), wanted);
            jdbc.sql("update conversation set status = ?, updated_at = now() where id = ?")
                    .params(wanted.value(), id)
                    .update();
            audit.change("status", current.status().value(), wanted.value());
            if (wanted != ConversationStatus.OPEN) {
                // A human took over (or the conversation ended): what the bot has not answered yet stays unanswered.
                messages.handoffQueued(id);
            }
        }
        return require(organizationId, chatbotId, id).view();
    }

    private Conversation map(ResultSet rs, int row) throws SQLException {
        Timestamp last = rs.getTimestamp("last_message_at");
        ConversationView view = new ConversationView(
                rs.getObject("id", UUID.class),
                rs.getObject("chatbot_id", UUID.class),
                rs.getString("status"),
                rs.getString("channel"),
                rs.getString("external_user_id"),
                json.readValue(rs.getString("metadata"), new TypeReference<Map<String, Object>>() {}),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                last == null ? null : last.toInstant());
        return new Conversation(
                view.id(),
                rs.getObject("organization_id", UUID.class),
                view.chatbotId(),
                Status.of(ConversationStatus.class, view.status()),
                rs.getString("token_hash"),
                view);
    }
}
