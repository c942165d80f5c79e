package com.chatbotsaas.userorg.user;

import com.chatbotsaas.userorg.persistence.SoftDeletable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "users")
class User extends SoftDeletable {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String locale = "en";

    @Column(nullable = false)
    private String status = "active";

    protected User() {}

    User(UUID id, String email, String name) {
        this.id = id;
        this.email = email;
        this.name = name;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String locale() {
        return locale;
    }

    void rename(String name) {
        this.name = name;
        touch();
    }

    void changeLocale(String locale) {
        this.locale = locale;
        touch();
    }

    UserView view() {
        return new UserView(id, name, email, locale, status, createdAt());
    }
}
