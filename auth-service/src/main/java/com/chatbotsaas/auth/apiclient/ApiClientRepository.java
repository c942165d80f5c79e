package com.chatbotsaas.auth.apiclient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API client records; the secret lives only in Keycloak (and once in the creation response). */
@Repository
class ApiClientRepository {

    private final JdbcClient jdbc;

    ApiClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiClient client) {
        jdbc.sql("""
                        insert into api_client (id, organization_id, name, client_id, keycloak_id, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        client.id(),
                        client.organizationId(),
                        client.name(),
                        client.clientId(),
                        client.keycloakId(),
                        client.createdBy(),
                        Timestamp.from(client.createdAt()))
                .update();
    }

    /** The organization's active clients, newest first. */
    List<ApiClient> active(UUID organizationId, long offset, int limit) {
        return jdbc.sql("""
                        select * from api_client where organization_id = ? and revoked_at is null
                        order by created_at desc, id desc offset ? limit ?""")
                .params(organizationId, offset, limit)
                .query(ApiClientRepository::row)
                .list();
    }

    long countActive(UUID organizationId) {
        return jdbc.sql("select count(*) from api_client where organization_id = ? and revoked_at is null")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    /** An active client of this organization, locked until the transaction ends so two revokes cannot race. */
    Optional<ApiClient> activeForUpdate(UUID organizationId, UUID id) {
        return jdbc.sql("""
                        select * from api_client where organization_id = ? and id = ? and revoked_at is null
                        for update""")
                .params(organizationId, id)
                .query(ApiClientRepository::row)
                .optional();
    }

    void revoke(UUID id, String revokedBy) {
        jdbc.sql("update api_client set revoked_at = now(), revoked_by = ? where id = ?")
                .params(revokedBy, id)
                .update();
    }

    private static ApiClient row(ResultSet rs, int n) throws SQLException {
        return new ApiClient(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                rs.getString("client_id"),
                rs.getString("keycloak_id"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    /** A row of {@code api_client}. */
    record ApiClient(
            UUID id,
            UUID organizationId,
            String name,
            String clientId,
            String keycloakId,
            String createdBy,
            Instant createdAt) {}
}
