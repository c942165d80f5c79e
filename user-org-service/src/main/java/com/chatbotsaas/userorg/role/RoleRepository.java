package com.chatbotsaas.userorg.role;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RoleRepository extends JpaRepository<Role, UUID> {

    List<Role> findByOrganizationIdOrderByName(UUID organizationId);

    Optional<Role> findByIdAndOrganizationId(UUID id, UUID organizationId);

    @Query("select r from Role r where r.organizationId = :organizationId and lower(r.name) = lower(:name)")
    Optional<Role> findByName(UUID organizationId, String name);
}
