package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.userorg.persistence.SoftDeletable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "organizations")
class Organization extends SoftDeletable {

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

    protected Organization() {}

    Organization(String name, String slug) {
        this.id = Uuids.v7();
        this.name = name;
        this.slug = slug;
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
        softDelete();
    }

    OrganizationResponse response(@Nullable String role) {
        return new OrganizationResponse(id, name, slug, status, plan, role, createdAt());
    }

    OrganizationView view() {
        return new OrganizationView(id, name, status, plan);
    }
}
