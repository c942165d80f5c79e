package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ratings of the chatbot's replies: one per reply, the latest wins. */
@Service
class Feedback {

    private final JdbcClient jdbc;
    private final MessageStore messages;

    Feedback(JdbcClient jdbc, MessageStore messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @Transactional
    Map<String, Object> rate(
            UUID organizationId, UUID conversationId, UUID messageId, String rating, @Nullable String comment) {
        MessageView message =
                messages.find(conversationId, messageId).orElseThrow(() -> ApiException.notFound("Message"));
        if (!message.role().equals("assistant")) {
            throw ApiException.invalid("message", "only the chatbot's replies can be rated");
        }
        jdbc.sql("""
                        insert into message_feedback (message_id, organization_id, conversation_id, rating, comment)
                        values (?, ?, ?, ?, ?)
                        on conflict (message_id) do update
                            set rating = excluded.rating, comment = excluded.comment, updated_at = now()
                        """)
                .param(messageId)
                .param(organizationId)
                .param(conversationId)
                .param(rating)
                .param(comment)
                .update();
        AuditContext.current()
                .resourceId(messageId)
                .data("conversation_id", conversationId)
                .data("rating", rating);
        return comment == null
                ? Map.of("message_id", messageId, "rating", rating)
                : Map.of("message_id", messageId, "rating", rating, "comment", comment);
    }
}
