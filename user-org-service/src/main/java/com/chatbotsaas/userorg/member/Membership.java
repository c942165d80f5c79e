package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.core.status.Status;
import com.chatbotsaas.platform.web.Statuses;
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

    @EmbeddedId
    private Key key;

    @Column(nullable = false)
    private String role;

    /** The {@link MembershipStatus}'s value, as stored. */
    @Column(nullable = false)
    private String status = MembershipStatus.ACTIVE.value();

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

    MembershipStatus status() {
        return Status.of(MembershipStatus.class, status);
    }

    boolean active() {
        return live() && status() == MembershipStatus.ACTIVE;
    }

    void changeRole(String role) {
        this.role = role;
        touch();
    }

    void changeStatus(MembershipStatus to) {
        this.status = Statuses.transition("membership", status(), to).value();
        touch();
    }

    /** Rejoining after removal starts a new membership on the same key. */
    void rejoin(String role) {
        this.role = role;
        this.status = MembershipStatus.ACTIVE.value();
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
