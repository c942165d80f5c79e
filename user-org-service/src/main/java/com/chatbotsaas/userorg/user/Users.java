package com.chatbotsaas.userorg.user;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The profile mirror of Keycloak accounts. A user appears either from the registration event or just in time from
 * a valid token, whichever comes first; both paths are idempotent inserts keyed by the token subject.
 */
@Service
public class Users {

    private final UserRepository users;
    private final JdbcClient jdbc;

    Users(UserRepository users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    /** Records an account; a second delivery or an earlier just-in-time insert changes nothing. */
    @Transactional
    public void provision(UUID id, String email, String name) {
        jdbc.sql("""
                        insert into users (id, email, name) values (?, ?, ?)
                        on conflict (id) do nothing""").params(id, email.toLowerCase(Locale.ROOT), name).update();
    }

    /** The caller's profile, created from their token on first sight. */
    @Transactional
    public UserView provisionCaller(Caller caller) {
        UUID id = UUID.fromString(caller.id());
        return users.findById(id).map(User::view).orElseGet(() -> {
            String email = caller.email() == null ? caller.id() + "@unknown.invalid" : caller.email();
            String name = caller.name() == null ? email : caller.name();
            provision(id, email, name);
            return users.findById(id)
                    .map(User::view)
                    .orElseThrow(() -> new DataIntegrityViolationException("user not provisioned"));
        });
    }

    @Transactional(readOnly = true)
    public Optional<UserView> find(UUID id) {
        return users.findById(id).filter(User::live).map(User::view);
    }

    public UserView require(UUID id) {
        return find(id).orElseThrow(() -> ApiException.notFound("User"));
    }

    @Transactional(readOnly = true)
    public Optional<UserView> findByEmail(String email) {
        return users.findByEmail(email.strip()).map(User::view);
    }

    @Transactional
    UserView updateMe(Caller caller, UpdateProfileRequest request) {
        provisionCaller(caller);
        User user = users.findById(UUID.fromString(caller.id())).orElseThrow(() -> ApiException.notFound("User"));
        AuditContext.current().resourceId(user.id());
        if (request.name() != null && !request.name().strip().equals(user.name())) {
            AuditContext.current().change("name", user.name(), request.name().strip());
            user.rename(request.name().strip());
        }
        if (request.locale() != null && !request.locale().equals(user.locale())) {
            AuditContext.current().change("locale", user.locale(), request.locale());
            user.changeLocale(request.locale());
        }
        return user.view();
    }
}
