package com.chatbotsaas.userorg.user;

import com.chatbotsaas.platform.security.Caller;
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

    /** Records a registered account; a second delivery or an earlier just-in-time insert changes nothing. */
    @Transactional
    public void provision(UUID id, String email, String name) {
        jdbc.sql("""
                        insert into users (id, email, name) values (?, ?, ?)
                        on conflict (id) do nothing""").params(id, email, name).update();
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
}
