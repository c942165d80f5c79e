package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.data.Uuids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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

    String name() {
        return name;
    }

    String slug() {
        return slug;
    }

    String status() {
        return status;
    }

    String plan() {
        return plan;
    }

    void rename(String name) {
        this.name = name;
        touch();
    }

    void reslug(String slug) {
        this.slug = slug;
        touch();
    }

    void changeStatus(String status) {
        this.status = status;
        touch();
    }

    void changePlan(String plan) {
        this.plan = plan;
        touch();
    }

    void delete() {
        this.deletedAt = Instant.now();
        touch();
    }

    private void touch() {
        this.updatedAt = Instant.now();
    }

    OrganizationResponse response(@Nullable String role) {
        return new OrganizationResponse(id, name, slug, status, plan, role, createdAt);
    }

    OrganizationView view() {
        return new OrganizationView(id, name, status, plan);
    }
}
