package com.chatbotsaas.chatbot.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Message rows; lookups by id also name created_at, so that only one monthly partition is read. */
@Repository
class MessageStore {

    private static final String COLUMNS =
            "id, conversation_id, role, content, status, reply_to, reply_id, fallback, created_at";

    private final JdbcClient jdbc;

    MessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A message waiting for its reply, with what the worker needs. */
    record Pending(
            UUID id,
            UUID organizationId,
            UUID chatbotId,
            UUID conversationId,
            String content,
            String status,
            @Nullable UUID replyId,
            @Nullable String requestId,
            Instant createdAt) {}

    void insertUser(
            UUID id,
            UUID organizationId,
            UUID chatbotId,
            UUID conversationId,
            String content,
            String status,
            @Nullable String requestId,
            Instant createdAt,
            Instant redeliverAt) {
        jdbc.sql("""
                        insert into message (id, organization_id, chatbot_id, conversation_id, role, content, status,
                            request_id, redeliver_at, created_at)
                        values (?, ?, ?, ?, 'user', ?, ?, ?, ?, ?)
                        """)
                .param(id)
                .param(organizationId)
                .param(chatbotId)
                .param(conversationId)
                .param(content)
                .param(status)
                .param(requestId)
                .param(Timestamp.from(redeliverAt))
                .param(Timestamp.from(createdAt))
                .update();
        jdbc.sql("update conversation set last_message_at = ?, updated_at = now() where id = ?")
                .params(Timestamp.from(createdAt), conversationId)
                .update();
    }

    Optional<Pending> pending(UUID id, Instant createdAt) {
        return jdbc.sql("""
                        select id, organization_id, chatbot_id, conversation_id, content, status, reply_id, request_id,
                            created_at
                        from message where id = ? and created_at = ? and role = 'user'
                        """)
                .params(id, Timestamp.from(createdAt))
                .query((rs, row) -> new Pending(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getObject("chatbot_id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getString("content"),
                        rs.getString("status"),
                        rs.getObject("reply_id", UUID.class),
                        rs.getString("request_id"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /**
     * Marks the user message answered by {@code replyId}, only if it has no reply yet: the one guard that makes a
     * reply written once however often the work is delivered.
     */
    boolean claimReply(Pending message, UUID replyId, String status, int attempts) {
        return jdbc.sql("""
                                update message set status = ?, reply_id = ?, attempts = ?, redeliver_at = null
                                where id = ? and created_at = ? and reply_id is null and status = 'queued'
                                """)
                        .params(status, replyId, attempts, message.id(), Timestamp.from(message.createdAt()))
                        .update()
                == 1;
    }

    void insertReply(Pending message, UUID replyId, String content, String status, boolean fallback, Instant at) {
        jdbc.sql("""
                        insert into message (id, organization_id, chatbot_id, conversation_id, role, content, status,
                            reply_to, fallback, created_at)
                        values (?, ?, ?, ?, 'assistant', ?, ?, ?, ?, ?)
                        """)
                .params(
                        replyId,
                        message.organizationId(),
                        message.chatbotId(),
                        message.conversationId(),
                        content,
                        status,
                        message.id(),
                        fallback,
                        Timestamp.from(at))
                .update();
        jdbc.sql("update conversation set last_message_at = ?, updated_at = now() where id = ?")
                .params(Timestamp.from(at), message.conversationId())
                .update();
    }

    boolean skip(Pending message, String status) {
        return jdbc.sql("""
                                update message set status = ?, redeliver_at = null
                                where id = ? and created_at = ? and reply_id is null and status = 'queued'
                                """)
                        .params(status, message.id(), Timestamp.from(message.createdAt()))
                        .update()
                == 1;
    }

    Optional<MessageView> find(UUID conversationId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from message where conversation_id = ? and id = ?")
                .params(conversationId, id)
                .query(MessageStore::view)
                .optional();
    }

    /**
     * The reply to a user message, found through the message's own {@code reply_id} (written in the reply's
     * transaction): two primary-key probes, where filtering the conversation's messages on {@code reply_to} read the
     * whole conversation.
     */
    Optional<MessageView> replyTo(UUID conversationId, UUID userMessageId, Instant userMessageCreatedAt) {
        return jdbc.sql("select " + COLUMNS + " from message where id = ("
                        + "select reply_id from message where id = ? and created_at = ? and conversation_id = ?)")
                .params(userMessageId, Timestamp.from(userMessageCreatedAt), conversationId)
                .query(MessageStore::view)
                .optional();
    }

    /** Messages after the position (created_at, id), oldest first. */
    List<MessageView> after(UUID conversationId, @Nullable Instant at, @Nullable UUID id, int limit) {
        if (at == null || id == null) {
            return jdbc.sql("select " + COLUMNS
                            + " from message where conversation_id = ? order by created_at, id limit ?")
                    .params(conversationId, limit)
                    .query(MessageStore::view)
                    .list();
        }
        return jdbc.sql("select " + COLUMNS + " from message where conversation_id = ? and (created_at, id) > (?, ?)"
                        + " order by created_at, id limit ?")
                .params(conversationId, Timestamp.from(at), id, limit)
                .query(MessageStore::view)
                .list();
    }

    /** The latest messages of a conversation before one, oldest first: a remote engine's history. */
    List<MessageView> history(UUID conversationId, Instant before, int limit) {
        List<MessageView> latest = new java.util.ArrayList<>(jdbc.sql("select " + COLUMNS
                        + " from message where conversation_id = ? and created_at < ?"
                        + " order by created_at desc, id desc limit ?")
                .params(conversationId, Timestamp.from(before), limit)
                .query(MessageStore::view)
                .list());
        java.util.Collections.reverse(latest);
        return latest;
    }

    /** Queued messages whose work may have been lost, claimed for publishing again. */
    List<Pending> dueForRedelivery(int limit, Instant nextAttempt) {
        return jdbc.sql("""
                        update message set redeliver_at = ?
                        where (id, created_at) in (
                            select id, created_at from message
                            where status = 'queued' and redeliver_at < now()
                            order by redeliver_at limit ? for update skip locked)
                        returning id, organization_id, chatbot_id, conversation_id, content, status, reply_id,
                            request_id, created_at
                        """)
                .params(Timestamp.from(nextAttempt), limit)
                .query((rs, row) -> new Pending(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getObject("chatbot_id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getString("content"),
                        rs.getString("status"),
                        rs.getObject("reply_id", UUID.class),
                        rs.getString("request_id"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    void redeliverSoon(UUID id, Instant createdAt, Instant at) {
        jdbc.sql("update message set redeliver_at = ? where id = ? and created_at = ? and status = 'queued'")
                .params(Timestamp.from(at), id, Timestamp.from(createdAt))
                .update();
    }

    int cancelQueued(String column, UUID value) {
        return jdbc.sql("update message set status = 'cancelled', redeliver_at = null where " + column
                        + " = ? and status = 'queued'")
                .params(value)
                .update();
    }

    int handoffQueued(UUID conversationId) {
        return jdbc.sql("update message set status = 'handoff', redeliver_at = null"
                        + " where conversation_id = ? and status = 'queued'")
                .params(conversationId)
                .update();
    }

    static MessageView view(ResultSet rs, int row) throws SQLException {
        return new MessageView(
                rs.getObject("id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                rs.getString("role"),
                rs.getString("content"),
                rs.getString("status"),
                rs.getObject("reply_to", UUID.class),
                rs.getObject("reply_id", UUID.class),
                rs.getBoolean("fallback"),
                rs.getTimestamp("created_at").toInstant());
    }
}
