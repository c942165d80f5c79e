package com.chatbotsaas.userorg.invitation;

import com.chatbotsaas.platform.core.status.Status;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.web.Statuses;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** An invitation to join an organization with a role. Only the token's SHA-256 is stored. */
@Entity
@Table(name = "invitations")
class Invitation {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String role;

    /** SHA-256 hex of the token: always 64 characters, a {@code char(64)} column. */
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "invited_by", nullable = false)
    private UUID invitedBy;

    /** The {@link InvitationStatus}'s value, as stored. */
    @Column(nullable = false)
    private String status = InvitationStatus.PENDING.value();

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "accepted_at")
    private @Nullable Instant acceptedAt;

    @Column(name = "accepted_by")
    private @Nullable UUID acceptedBy;

    protected Invitation() {}

    Invitation(UUID organizationId, String email, String role, String tokenHash, UUID invitedBy, Instant expiresAt) {
        this.id = Uuids.v7();
        this.organizationId = organizationId;
        this.email = email;
        this.role = role;
        this.tokenHash = tokenHash;
        this.invitedBy = invitedBy;
        this.expiresAt = expiresAt;
        this.createdAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    String email() {
        return email;
    }

    String role() {
        return role;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    InvitationStatus status() {
        return Status.of(InvitationStatus.class, status);
    }

    boolean usable(Instant now) {
        return status() == InvitationStatus.PENDING && now.isBefore(expiresAt);
    }

    void accept(UUID userId) {
        this.status = Statuses.transition("invitation", status(), InvitationStatus.ACCEPTED)
                .value();
        this.acceptedAt = Instant.now();
        this.acceptedBy = userId;
    }

    void revoke() {
        this.status = Statuses.transition("invitation", status(), InvitationStatus.REVOKED)
                .value();
    }

    InvitationResponse response() {
        return new InvitationResponse(id, email, role, status, expiresAt, createdAt);
    }
}
