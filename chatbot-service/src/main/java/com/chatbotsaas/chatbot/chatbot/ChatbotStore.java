package com.chatbotsaas.chatbot.chatbot;

import com.chatbotsaas.platform.core.status.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Chatbot rows. Every query names the organization, except lookups by the public widget key. */
@Repository
class ChatbotStore {

    private static final String COLUMNS = """
            id, organization_id, name, description, engine_type, engine_settings::text as engine_settings,
            engine_secret, language, status, welcome_message, fallback_message,
            allowed_origins::text as allowed_origins, public_key, training_status, trained_at, created_at, updated_at
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<Chatbot> mapper;

    ChatbotStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = this::map;
    }

    void insert(Chatbot bot) {
        jdbc.sql("""
                        insert into chatbot (id, organization_id, name, description, engine_type, engine_settings,
                            engine_secret, language, status, welcome_message, fallback_message, allowed_origins,
                            public_key, training_status, created_at, updated_at)
                        values (:id, :org, :name, :description, :engineType, cast(:settings as jsonb), :secret,
                            :language, :status, :welcome, :fallback, cast(:origins as jsonb), :publicKey,
                            :trainingStatus, :createdAt, :updatedAt)
                        """)
                .param("id", bot.id())
                .param("org", bot.organizationId())
                .param("name", bot.name())
                .param("description", bot.description())
                .param("engineType", bot.engineType())
                .param("settings", json.writeValueAsString(bot.engineSettings()))
                .param("secret", bot.engineSecret())
                .param("language", bot.language())
                .param("status", bot.status().value())
                .param("welcome", bot.welcomeMessage())
                .param("fallback", bot.fallbackMessage())
                .param("origins", json.writeValueAsString(bot.allowedOrigins()))
                .param("publicKey", bot.publicKey())
                .param("trainingStatus", bot.trainingStatus())
                .param("createdAt", Timestamp.from(bot.createdAt()))
                .param("updatedAt", Timestamp.from(bot.updatedAt()))
                .update();
    }

    void update(Chatbot bot) {
        jdbc.sql("""
                        update chatbot set name = :name, description = :description, engine_type = :engineType,
                            engine_settings = cast(:settings as jsonb), engine_secret = :secret, language = :language,
                            status = :status, welcome_message = :welcome, fallback_message = :fallback,
                            allowed_origins = cast(:origins as jsonb), public_key = :publicKey, updated_at = now()
                        where id = :id and organization_id = :org and deleted_at is null
                        """)
                .param("id", bot.id())
                .param("org", bot.organizationId())
                .param("name", bot.name())
                .param("description", bot.description())
                .param("engineType", bot.engineType())
                .param("settings", json.writeValueAsString(bot.engineSettings()))
                .param("secret", bot.engineSecret())
                .param("language", bot.language())
                .param("status", bot.status().value())
                .param("welcome", bot.welcomeMessage())
                .param("fallback", bot.fallbackMessage())
                .param("origins", json.writeValueAsString(bot.allowedOrigins()))
                .param("publicKey", bot.publicKey())
                .update();
    }

    Optional<Chatbot> find(UUID organizationId, UUID id) {
        return jdbc.sql("select " + COLUMNS
                        + " from chatbot where id = ? and organization_id = ? and deleted_at is null")
                .params(id, organizationId)
                .query(mapper)
                .optional();
    }

    /** For update: serializes changes of one chatbot. */
    Optional<Chatbot> lock(UUID organizationId, UUID id) {
        return jdbc.sql("select " + COLUMNS
                        + " from chatbot where id = ? and organization_id = ? and deleted_at is null for update")
                .params(id, organizationId)
                .query(mapper)
                .optional();
    }

    Optional<Chatbot> findAny(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from chatbot where id = ? and deleted_at is null")
                .params(id)
                .query(mapper)
                .optional();
    }

    /** Only the fallback message: readable even when the rest of the row is not (an engine this version lacks). */
    Optional<String> fallbackMessage(UUID id) {
        return jdbc.sql("select fallback_message from chatbot where id = ?")
                .params(id)
                .query(String.class)
                .optional();
    }

    Optional<Chatbot> findByPublicKey(String publicKey) {
        return jdbc.sql("select " + COLUMNS + " from chatbot where public_key = ? and deleted_at is null")
                .params(publicKey)
                .query(mapper)
                .optional();
    }

    List<Chatbot> page(
            UUID organizationId, @Nullable ChatbotStatus status, @Nullable String q, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + " from chatbot where " + filter(status, q)
                        + " order by created_at desc, id desc limit :limit offset :offset")
                .param("org", organizationId)
                .param("status", status == null ? null : status.value())
                .param("q", q)
                .param("limit", limit)
                .param("offset", offset)
                .query(mapper)
                .list();
    }

    long count(UUID organizationId, @Nullable ChatbotStatus status, @Nullable String q) {
        return jdbc.sql("select count(*) from chatbot where " + filter(status, q))
                .param("org", organizationId)
                .param("status", status == null ? null : status.value())
                .param("q", q)
                .query(Long.class)
                .single();
    }

    long countAll(UUID organizationId) {
        return count(organizationId, null, null);
    }

    private static String filter(@Nullable ChatbotStatus status, @Nullable String q) {
        StringBuilder where = new StringBuilder("organization_id = :org and deleted_at is null");
        if (status != null) {
            where.append(" and status = :status");
        }
        if (q != null) {
            // Every word must match the start of a word of the name or description.
            where.append(" and search @@ to_tsquery('simple', (select string_agg(quote_literal(w) || ':*', ' & ')"
                    + " from regexp_split_to_table(lower(:q), '[^[:alnum:]]+') w where w <> ''))");
        }
        return where.toString();
    }

    void softDelete(UUID organizationId, UUID id) {
        jdbc.sql("update chatbot set deleted_at = now(), status = 'archived', updated_at = now()"
                        + " where id = ? and organization_id = ? and deleted_at is null")
                .params(id, organizationId)
                .update();
    }

    /** @return the ids of the chatbots archived */
    List<UUID> archiveAll(UUID organizationId) {
        return jdbc.sql("update chatbot set status = 'archived', updated_at = now()"
                        + " where organization_id = ? and status <> 'archived' and deleted_at is null returning id")
                .params(organizationId)
                .query((rs, n) -> rs.getObject(1, UUID.class)) // the primary key: never null
                .list();
    }

    void trainingStatus(UUID id, String status) {
        jdbc.sql("update chatbot set training_status = ?, trained_at = case when ? = 'ready' then now()"
                        + " else trained_at end where id = ?")
                .params(status, status, id)
                .update();
    }

    private Chatbot map(ResultSet rs, int row) throws SQLException {
        return new Chatbot(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("engine_type"),
                json.readValue(rs.getString("engine_settings"), new TypeReference<Map<String, Object>>() {}),
                rs.getString("engine_secret"),
                rs.getString("language"),
                Status.of(ChatbotStatus.class, rs.getString("status")),
                rs.getString("welcome_message"),
                rs.getString("fallback_message"),
                json.readValue(rs.getString("allowed_origins"), new TypeReference<List<String>>() {}),
                rs.getString("public_key"),
                rs.getString("training_status"),
                nullableInstant(rs, "trained_at"),
                Objects.requireNonNull(nullableInstant(rs, "created_at"), "created_at is not null"),
                Objects.requireNonNull(nullableInstant(rs, "updated_at"), "updated_at is not null"));
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
