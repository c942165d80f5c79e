package com.chatbotsaas.userorg.organization;

import com.chatbotsaas.platform.core.status.Status;
import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.platform.web.Statuses;
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

    /** The {@link OrganizationStatus}'s value, as stored. */
    @Column(nullable = false)
    private String status = OrganizationStatus.ACTIVE.value();

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

    OrganizationStatus status() {
        return Status.of(OrganizationStatus.class, status);
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

    void changeStatus(OrganizationStatus to) {
        this.status = Statuses.transition("organization", status(), to).value();
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
        return new OrganizationView(id, name, status(), plan);
    }
}
