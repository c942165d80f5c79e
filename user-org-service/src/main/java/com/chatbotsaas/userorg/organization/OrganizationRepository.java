package com.chatbotsaas.userorg.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrganizationRepository extends JpaRepository<Organization, UUID> {

    @Query("select o from Organization o where o.id = :id and o.deletedAt is null")
    Optional<Organization> findLive(UUID id);

    @Query("select count(o) > 0 from Organization o where o.slug = :slug and o.deletedAt is null")
    boolean slugTaken(String slug);

    /** The caller's live organizations with their role, oldest membership first. */
    @Query("""
            select o, m.role from Organization o, Membership m
            where m.key.organizationId = o.id and m.key.userId = :userId and m.status = 'active'
              and o.deletedAt is null
            order by m.joinedAt""")
    List<Object[]> findWithRoleByUser(UUID userId);
}
