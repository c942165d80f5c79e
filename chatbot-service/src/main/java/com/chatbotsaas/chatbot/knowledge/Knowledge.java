package com.chatbotsaas.chatbot.knowledge;

import com.chatbotsaas.chatbot.chatbot.Chatbot;
import com.chatbotsaas.chatbot.chatbot.Chatbots;
import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.PageQuery;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A chatbot's knowledge: FAQ pairs and documents, stored as items and indexed as chunks with PostgreSQL full-text
 * search in the chatbot's language. New items are indexed at once; training re-indexes everything (after a language
 * change, for instance).
 */
@Service
public class Knowledge {

    static final int CHUNK_SIZE = 800;

    private final JdbcClient jdbc;
    private final Chatbots chatbots;

    Knowledge(JdbcClient jdbc, Chatbots chatbots) {
        this.jdbc = jdbc;
        this.chatbots = chatbots;
    }

    @Transactional
    KnowledgeResponse add(UUID organizationId, UUID chatbotId, KnowledgeRequest request) {
        Chatbot bot = chatbots.get(organizationId, chatbotId);
        if (bot.archived()) {
            throw ApiException.conflict("An archived chatbot cannot learn");
        }
        boolean faq = request.type().equals("faq");
        if (faq) {
            require(request.question(), "question");
            require(request.answer(), "answer");
        } else {
            require(request.title(), "title");
            require(request.content(), "content");
        }
        UUID id = Uuids.v7();
        jdbc.sql("""
                        insert into knowledge_item (id, organization_id, chatbot_id, type, question, answer, title, content)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .param(id)
                .param(organizationId)
                .param(chatbotId)
                .param(request.type())
                .param(faq ? request.question() : null)
                .param(faq ? request.answer() : null)
                .param(faq ? null : request.title())
                .param(faq ? null : request.content())
                .update();
        int chunks = index(bot, id);
        AuditContext.current().resourceId(id).data("chatbot_id", chatbotId).data("type", request.type());
        return get(organizationId, chatbotId, id, chunks);
    }

    @Transactional(readOnly = true)
    Map.Entry<List<KnowledgeResponse>, Map<String, Object>> list(UUID organizationId, UUID chatbotId, PageQuery page) {
        chatbots.get(organizationId, chatbotId);
        List<KnowledgeResponse> items = jdbc.sql("""
                        select i.*, (select count(*) from knowledge_chunk c where c.item_id = i.id) as chunks
                        from knowledge_item i where i.organization_id = ? and i.chatbot_id = ?
                        order by i.created_at desc, i.id desc limit ? offset ?
                        """)
                .params(organizationId, chatbotId, page.perPage(), page.offset())
                .query(Knowledge::item)
                .list();
        long total = jdbc.sql("select count(*) from knowledge_item where organization_id = ? and chatbot_id = ?")
                .params(organizationId, chatbotId)
                .query(Long.class)
                .single();
        return Map.entry(items, page.meta(total));
    }

    @Transactional
    void delete(UUID organizationId, UUID chatbotId, UUID id) {
        chatbots.get(organizationId, chatbotId);
        int deleted = jdbc.sql("delete from knowledge_item where id = ? and organization_id = ? and chatbot_id = ?")
                .params(id, organizationId, chatbotId)
                .update();
        if (deleted == 0) {
            throw ApiException.notFound("Knowledge item");
        }
        AuditContext.current().resourceId(id).data("chatbot_id", chatbotId);
    }

    /** Rebuilds every chunk of the chatbot in its current language. */
    @Transactional
    public int reindex(UUID chatbotId) {
        Chatbot bot = chatbots.findAny(chatbotId).orElse(null);
        if (bot == null) {
            return 0;
        }
        jdbc.sql("delete from knowledge_chunk where chatbot_id = ?")
                .params(chatbotId)
                .update();
        int chunks = 0;
        for (UUID item : jdbc.sql("select id from knowledge_item where chatbot_id = ? order by created_at")
                .params(chatbotId)
                .query((rs, n) -> rs.getObject(1, UUID.class)) // the primary key: never null
                .list()) {
            chunks += index(bot, item);
        }
        return chunks;
    }

    /**
     * The best passages for a question: chunks sharing any of its words, ranked by how many of the question's words
     * they contain, then by PostgreSQL's cover density rank.
     */
    @Transactional(readOnly = true)
    public List<Passage> search(Chatbot bot, String question, int limit) {
        String[] lexemes = jdbc.sql("select tsvector_to_array(to_tsvector(cast(? as regconfig), ?))")
                .params(bot.language(), question)
                .query((rs, row) -> strings(rs.getArray(1)))
                .single();
        if (lexemes.length == 0) {
            return List.of();
        }
        StringBuilder any = new StringBuilder();
        for (String lexeme : lexemes) {
            if (!any.isEmpty()) {
                any.append(" | ");
            }
            any.append('\'')
                    .append(lexeme.replace("\\", "\\\\").replace("'", "''"))
                    .append('\'');
        }
        Set<String> wanted = new HashSet<>(Arrays.asList(lexemes));
        List<Passage> passages = new ArrayList<>(jdbc.sql("""
                        select body, reply, tsvector_to_array(tsv) as lexemes, ts_rank_cd(tsv, query) as rank
                        from knowledge_chunk, to_tsquery('simple', :query) query
                        where chatbot_id = :bot and tsv @@ query
                        order by rank desc limit 50
                        """)
                .param("query", any.toString())
                .param("bot", bot.id())
                .query((rs, row) -> {
                    long found = Arrays.stream(strings(rs.getArray("lexemes")))
                            .filter(wanted::contains)
                            .count();
                    return new Passage(
                            rs.getString("body"),
                            rs.getString("reply"),
                            (double) found / wanted.size(),
                            rs.getDouble("rank"));
                })
                .list());
        passages.sort(Comparator.comparingDouble(Passage::confidence)
                .thenComparingDouble(Passage::rank)
                .reversed());
        return passages.size() > limit ? passages.subList(0, limit) : passages;
    }

    private int index(Chatbot bot, UUID itemId) {
        record Item(String type, String question, String answer, String title, String content) {}
        Item item = jdbc.sql("select type, question, answer, title, content from knowledge_item where id = ?")
                .params(itemId)
                .query((rs, row) -> new Item(
                        rs.getString("type"),
                        rs.getString("question"),
                        rs.getString("answer"),
                        rs.getString("title"),
                        rs.getString("content")))
                .single();
        if (item.type().equals("faq")) {
            jdbc.sql("""
                            insert into knowledge_chunk (id, organization_id, chatbot_id, item_id, position, body, reply, tsv)
                            values (?, ?, ?, ?, 0, ?, ?,
                                setweight(to_tsvector(cast(? as regconfig), ?), 'A')
                                || setweight(to_tsvector(cast(? as regconfig), ?), 'B'))
                            """)
                    .params(
                            Uuids.v7(),
                            bot.organizationId(),
                            bot.id(),
                            itemId,
                            item.question() + "\n" + item.answer(),
                            item.answer(),
                            bot.language(),
                            item.question(),
                            bot.language(),
                            item.answer())
                    .update();
            return 1;
        }
        List<String> chunks = Chunker.chunks(item.content(), CHUNK_SIZE);
        for (int i = 0; i < chunks.size(); i++) {
            jdbc.sql("""
                            insert into knowledge_chunk (id, organization_id, chatbot_id, item_id, position, body, reply, tsv)
                            values (?, ?, ?, ?, ?, ?, ?,
                                setweight(to_tsvector(cast(? as regconfig), ?), 'B')
                                || setweight(to_tsvector(cast(? as regconfig), ?), 'A'))
                            """)
                    .params(
                            Uuids.v7(),
                            bot.organizationId(),
                            bot.id(),
                            itemId,
                            i,
                            chunks.get(i),
                            chunks.get(i),
                            bot.language(),
                            item.title(),
                            bot.language(),
                            chunks.get(i))
                    .update();
        }
        return chunks.size();
    }

    private KnowledgeResponse get(UUID organizationId, UUID chatbotId, UUID id, int chunks) {
        return jdbc.sql(
                        "select i.*, ? as chunks from knowledge_item i where id = ? and organization_id = ? and chatbot_id = ?")
                .params(chunks, id, organizationId, chatbotId)
                .query(Knowledge::item)
                .single();
    }

    private static KnowledgeResponse item(ResultSet rs, int row) throws SQLException {
        return new KnowledgeResponse(
                rs.getObject("id", UUID.class),
                rs.getObject("chatbot_id", UUID.class),
                rs.getString("type"),
                rs.getString("question"),
                rs.getString("answer"),
                rs.getString("title"),
                rs.getString("content"),
                rs.getInt("chunks"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static void require(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
    }
}
