package com.chatbotsaas.userorg.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "memberships")
class Membership {

    @EmbeddedId
    private Key key;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private String status = "active";

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    protected Membership() {}

    Membership(UUID organizationId, UUID userId, String role) {
        this.key = new Key(organizationId, userId);
        this.role = role;
        this.joinedAt = Instant.now();
    }

    String role() {
        return role;
    }

    boolean active() {
        return "active".equals(status);
    }

    @Embeddable
    record Key(
            @Column(name = "organization_id") UUID organizationId,
            @Column(name = "user_id") UUID userId) implements Serializable {}
}
