package com.chatbotsaas.notification.recipient;

import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mirror of users, organizations and memberships built from events. Every write is an idempotent upsert, so
 * events may arrive twice or out of order without corrupting it.
 */
@Service
public class Directory {

    public static final String OWNER = "owner";

    /** Every column of {@code recipient} is {@code not null}. */
    private static final RowMapper<Recipient> RECIPIENT = (rs, n) -> new Recipient(
            rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("name"), rs.getString("locale"));

    private final JdbcClient jdbc;

    Directory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a user's address and name; the language they chose is kept. */
    @Transactional
    public void user(UUID userId, String email, String name) {
        jdbc.sql("""
                        insert into recipient (user_id, email, name) values (?, ?, ?)
                        on conflict (user_id) do update set email = excluded.email, name = excluded.name,
                        updated_at = now()""")
                .params(userId, email.strip().toLowerCase(Locale.ROOT), name)
                .update();
    }

    @Transactional
    public void rename(UUID userId, String name) {
        jdbc.sql("update recipient set name = ?, updated_at = now() where user_id = ?")
                .params(name, userId)
                .update();
    }

    @Transactional
    public void locale(UUID userId, String locale) {
        jdbc.sql("update recipient set locale = ?, updated_at = now() where user_id = ?")
                .params(locale, userId)
                .update();
    }

    @Transactional(readOnly = true)
    public Optional<Recipient> find(UUID userId) {
        return jdbc.sql("select user_id, email, name, locale from recipient where user_id = ?")
                .param(userId)
                .query(RECIPIENT)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<Recipient> findByEmail(String email) {
        return jdbc.sql("""
                        select user_id, email, name, locale from recipient where lower(email) = ?
                        order by updated_at desc limit 1""")
                .param(email.strip().toLowerCase(Locale.ROOT))
                .query(RECIPIENT)
                .optional();
    }

    @Transactional
    public void organization(OrganizationId organizationId, String name) {
        jdbc.sql("""
                        insert into organization_mirror (id, name) values (?, ?)
                        on conflict (id) do update set name = excluded.name, updated_at = now()""").params(organizationId.value(), name).update();
    }

    @Transactional
    public void organizationDeleted(OrganizationId organizationId) {
        jdbc.sql("""
                        insert into organization_mirror (id, name, deleted) values (?, '', true)
                        on conflict (id) do update set deleted = true, updated_at = now()""").param(organizationId.value()).update();
        jdbc.sql("update organization_member set active = false, updated_at = now() where organization_id = ?")
                .param(organizationId.value())
                .update();
    }

    @Transactional(readOnly = true)
    public Optional<String> organizationName(OrganizationId organizationId) {
        return jdbc.sql("select name from organization_mirror where id = ? and name <> ''")
                .param(organizationId.value())
                .query(String.class)
                .optional();
    }

    /** A membership with its role (or its new role). */
    @Transactional
    public void member(OrganizationId organizationId, UserId userId, String role) {
        jdbc.sql("""
                        insert into organization_member (organization_id, user_id, role) values (?, ?, ?)
                        on conflict (organization_id, user_id) do update set role = excluded.role, active = true,
                        updated_at = now()""").params(organizationId.value(), userId.value(), role).update();
    }

    @Transactional
    public void memberActive(OrganizationId organizationId, UserId userId, boolean active) {
        jdbc.sql("""
                        update organization_member set active = ?, updated_at = now()
                        where organization_id = ? and user_id = ?""").params(active, organizationId.value(), userId.value()).update();
    }

    @Transactional
    public void memberRemoved(OrganizationId organizationId, UserId userId) {
        memberActive(organizationId, userId, false);
    }

    /** The organization's active owners whose address is known. */
    @Transactional(readOnly = true)
    public List<Recipient> owners(OrganizationId organizationId) {
        return jdbc.sql("""
                        select r.user_id, r.email, r.name, r.locale from organization_member m
                        join recipient r on r.user_id = m.user_id
                        where m.organization_id = ? and m.role = ? and m.active order by r.email""")
                .params(organizationId.value(), OWNER)
                .query(RECIPIENT)
                .list();
    }

    /** The language of a user, or of whoever uses this address, when known. */
    @Transactional(readOnly = true)
    public @Nullable String localeOf(@Nullable UUID userId, @Nullable String email) {
        Optional<Recipient> known = userId != null ? find(userId) : Optional.empty();
        if (known.isEmpty() && email != null) {
            known = findByEmail(email);
        }
        return known.map(Recipient::locale).orElse(null);
    }
}
