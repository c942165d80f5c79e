package com.chatbotsaas.userorg.role;

import com.chatbotsaas.platform.data.Uuids;
import com.chatbotsaas.userorg.persistence.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A custom role of one organization: a name and a set of catalog permissions. */
@Entity
@Table(name = "roles")
class Role extends Timestamped {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String name;

    private @Nullable String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> permissions;

    protected Role() {}

    Role(UUID organizationId, String name, @Nullable String description, List<String> permissions) {
        this.id = Uuids.v7();
        this.organizationId = organizationId;
        this.name = name;
        this.description = description;
        this.permissions = List.copyOf(permissions);
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    String name() {
        return name;
    }

    @Nullable
    String description() {
        return description;
    }

    List<String> permissions() {
        return permissions;
    }

    void rename(String name) {
        this.name = name;
        touch();
    }

    void describe(String description) {
        this.description = description;
        touch();
    }

    void grant(List<String> permissions) {
        this.permissions = List.copyOf(permissions);
        touch();
    }

    RoleResponse response() {
        return new RoleResponse(
                id, name, description, permissions.stream().sorted().toList(), false, createdAt());
    }
}
