package com.chatbotsaas.auth.session;

import com.chatbotsaas.auth.keycloak.KeycloakAccounts;
import com.chatbotsaas.auth.keycloak.KeycloakSession;
import com.chatbotsaas.platform.web.ApiException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * A user's sessions: Keycloak's sessions (what refresh tokens keep alive) joined with the address and user agent
 * auth-service saw when it opened them. Ending a session makes its refresh tokens fail; access tokens already issued
 * stay valid until they expire (at most the realm's access token lifespan, 5 minutes).
 */
@Service
public class UserSessions {

    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

    private final KeycloakAccounts keycloak;
    private final SessionMetadata metadata;
    private final Duration retention;

    UserSessions(
            KeycloakAccounts keycloak,
            SessionMetadata metadata,
            @Value("${auth.sessions.metadata-retention:36h}") Duration retention) {
        this.keycloak = keycloak;
        this.metadata = metadata;
        this.retention = retention;
    }

    /** Remembers where a session auth-service just opened comes from. */
    public void opened(String sessionId, String userId, @Nullable String ipAddress, @Nullable String userAgent) {
        metadata.record(sessionId, userId, ipAddress, userAgent);
    }

    /** A session ended through its refresh token (logout). */
    public void ended(String sessionId) {
        metadata.delete(sessionId);
    }

    /** The user's sessions, most recently used first; {@code current} is the one the caller's token belongs to. */
    List<SessionView> list(String userId, @Nullable String currentSessionId) {
        List<KeycloakSession> live = keycloak.sessions(userId);
        Map<String, SessionMetadata.Entry> known = metadata.of(userId);
        metadata.retainOnly(userId, live.stream().map(KeycloakSession::id).toList());
        return live.stream()
                .sorted(Comparator.comparing(KeycloakSession::lastAccessAt).reversed())
                .map(session -> {
                    SessionMetadata.Entry entry = known.get(session.id());
                    return new SessionView(
                            session.id(),
                            entry != null && entry.ipAddress() != null ? entry.ipAddress() : session.ipAddress(),
                            entry == null ? null : entry.userAgent(),
                            session.startedAt(),
                            session.lastAccessAt(),
                            session.id().equals(currentSessionId));
                })
                .toList();
    }

    /** Ends one of the user's sessions; another user's (or an unknown) session is a 404. */
    void end(String userId, String sessionId) {
        boolean own = keycloak.sessions(userId).stream().anyMatch(s -> s.id().equals(sessionId));
        if (!own) {
            throw ApiException.notFound("Session");
        }
        keycloak.deleteSession(sessionId);
        metadata.delete(sessionId);
    }

    /** Ends every session of the user but one (e.g. the one changing the password). */
    public void endAllExcept(String userId, @Nullable String keptSessionId) {
        for (KeycloakSession session : keycloak.sessions(userId)) {
            if (!Objects.equals(session.id(), keptSessionId)) {
                keycloak.deleteSession(session.id());
                metadata.delete(session.id());
            }
        }
    }

    /** Ends every session of the user. */
    public void endAll(String userId) {
        keycloak.endAllSessions(userId);
        metadata.deleteAllOf(userId);
    }

    /** Sessions outlive nothing beyond Keycloak's maximum session lifespan; their metadata need not either. */
    @Scheduled(fixedDelayString = "${auth.sessions.cleanup-interval:1h}", initialDelayString = "1m")
    void forgetOldSessions() {
        int deleted = metadata.deleteOlderThan(retention);
        if (deleted > 0) {
            log.info("Forgot {} sessions older than {}", deleted, retention);
        }
    }
}
