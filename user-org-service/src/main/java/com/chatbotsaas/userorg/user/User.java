package com.chatbotsaas.userorg.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "users")
class User {

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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected User() {}

    User(UUID id, String email, String name) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
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

    boolean live() {
        return deletedAt == null;
    }

    void rename(String name) {
        this.name = name;
        this.updatedAt = Instant.now();
    }

    void changeLocale(String locale) {
        this.locale = locale;
        this.updatedAt = Instant.now();
    }

    UserView view() {
        return new UserView(id, name, email, locale, status, createdAt);
    }
}
