package com.chatbotsaas.auth.session;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What auth-service knows about the sessions it opened: the client's address and user agent. Keycloak sees only
 * auth-service calling its token endpoint, so its own address of a session would be auth-service's.
 */
@Repository
class SessionMetadata {

    private final JdbcClient jdbc;

    SessionMetadata(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String sessionId, String userId, @Nullable String ipAddress, @Nullable String userAgent) {
        jdbc.sql("""
                        insert into login_session (session_id, user_id, ip_address, user_agent) values (?, ?, ?, ?)
                        on conflict (session_id) do nothing""")
                .param(sessionId)
                .param(UUID.fromString(userId))
                .param(ipAddress)
                .param(userAgent)
                .update();
    }

    Map<String, Entry> of(String userId) {
        return jdbc
                .sql("select session_id, ip_address, user_agent from login_session where user_id = ?")
                .param(UUID.fromString(userId))
                .query((rs, n) ->
                        new Entry(rs.getString("session_id"), rs.getString("ip_address"), rs.getString("user_agent")))
                .list()
                .stream()
                .collect(Collectors.toMap(Entry::sessionId, e -> e));
    }

    void delete(String sessionId) {
        jdbc.sql("delete from login_session where session_id = ?")
                .param(sessionId)
                .update();
    }

    void deleteAllOf(String userId) {
        jdbc.sql("delete from login_session where user_id = ?")
                .param(UUID.fromString(userId))
                .update();
    }

    /** Forgets the user's sessions that Keycloak no longer has (expired, ended elsewhere). */
    void retainOnly(String userId, Collection<String> liveSessionIds) {
        if (liveSessionIds.isEmpty()) {
            deleteAllOf(userId);
            return;
        }
        jdbc.sql("delete from login_session where user_id = :user and session_id not in (:live)")
                .param("user", UUID.fromString(userId))
                .param("live", List.copyOf(liveSessionIds))
                .update();
    }

    int deleteOlderThan(Duration age) {
        return jdbc.sql("delete from login_session where created_at < now() - (? * interval '1 second')")
                .param(age.toSeconds())
                .update();
    }

    record Entry(
            String sessionId,
            @Nullable String ipAddress,
            @Nullable String userAgent) {}
}
