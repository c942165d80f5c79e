package com.chatbotsaas.userorg.member;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A user's membership in an organization, with the role it grants. Removal is a soft delete. */
@Entity
@Table(name = "memberships")
class Membership {

    static final String ACTIVE = "active";
    static final String SUSPENDED = "suspended";

    @EmbeddedId
    private Key key;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private String status = ACTIVE;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Membership() {}

    Membership(UUID organizationId, UUID userId, String role) {
        this.key = new Key(organizationId, userId);
        this.role = role;
        this.joinedAt = Instant.now();
        this.updatedAt = joinedAt;
    }

    UUID organizationId() {
        return key.organizationId();
    }

    UUID userId() {
        return key.userId();
    }

    String role() {
        return role;
    }

    String status() {
        return status;
    }

    boolean live() {
        return deletedAt == null;
    }

    boolean active() {
        return live() && ACTIVE.equals(status);
    }

    void changeRole(String role) {
        this.role = role;
        this.updatedAt = Instant.now();
    }

    void changeStatus(String status) {
        this.status = status;
        this.updatedAt = Instant.now();
    }

    /** Rejoining after removal starts a new membership on the same key. */
    void rejoin(String role) {
        this.role = role;
        this.status = ACTIVE;
        this.deletedAt = null;
        this.joinedAt = Instant.now();
        this.updatedAt = joinedAt;
    }

    void remove() {
        this.deletedAt = Instant.now();
        this.updatedAt = deletedAt;
    }

    @Embeddable
    record Key(
            @Column(name = "organization_id") UUID organizationId,
            @Column(name = "user_id") UUID userId) implements Serializable {}
}
