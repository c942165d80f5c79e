package com.chatbotsaas.userorg.member;

import com.chatbotsaas.userorg.persistence.SoftDeletable;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A user's membership in an organization, with the role it grants. Removal is a soft delete. */
@Entity
@Table(name = "memberships")
@AttributeOverride(name = "createdAt", column = @Column(name = "joined_at", nullable = false))
class Membership extends SoftDeletable {

    static final String ACTIVE = "active";
    static final String SUSPENDED = "suspended";

    @EmbeddedId
    private Key key;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private String status = ACTIVE;

    protected Membership() {}

    Membership(UUID organizationId, UUID userId, String role) {
        this.key = new Key(organizationId, userId);
        this.role = role;
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

    boolean active() {
        return live() && ACTIVE.equals(status);
    }

    void changeRole(String role) {
        this.role = role;
        touch();
    }

    void changeStatus(String status) {
        this.status = status;
        touch();
    }

    /** Rejoining after removal starts a new membership on the same key. */
    void rejoin(String role) {
        this.role = role;
        this.status = ACTIVE;
        restore();
    }

    void remove() {
        softDelete();
    }

    @Embeddable
    record Key(
            @Column(name = "organization_id") UUID organizationId,
            @Column(name = "user_id") UUID userId) implements Serializable {}
}
