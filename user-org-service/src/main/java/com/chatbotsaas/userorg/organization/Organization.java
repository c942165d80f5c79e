package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.data.Uuids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "organizations")
class Organization {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String slug;

    @Column(nullable = false)
    private String status = "active";

    @Column(nullable = false)
    private String plan = "free";

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Organization() {}

    Organization(String name, String slug) {
        this.id = Uuids.v7();
        this.name = name;
        this.slug = slug;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    UUID id() {
        return id;
    }

    String status() {
        return status;
    }

    String plan() {
        return plan;
    }

    OrganizationResponse response(String role) {
        return new OrganizationResponse(id, name, slug, status, plan, role, createdAt);
    }
}
