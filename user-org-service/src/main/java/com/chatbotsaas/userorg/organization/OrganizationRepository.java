package com.chatbotsaas.userorg.organization;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface OrganizationRepository extends JpaRepository<Organization, UUID> {

    @Query("select o from Organization o where o.id = :id and o.deletedAt is null")
    Optional<Organization> findLive(UUID id);

    /** The organization with its row locked until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Organization o where o.id = :id")
    Optional<Organization> lockById(UUID id);

    @Query("select count(o) > 0 from Organization o where o.slug = :slug and o.deletedAt is null")
    boolean slugTaken(String slug);

    @Query("""
            select o from Organization o where o.deletedAt is null
              and (:q is null or lower(o.name) like lower(concat('%', cast(:q as string), '%'))
                   or o.slug like lower(concat('%', cast(:q as string), '%')))
              and (:status is null or o.status = :status)
            order by o.createdAt desc, o.id""")
    List<Organization> search(@Nullable String q, @Nullable String status, Pageable page);

    @Query("""
            select count(o) from Organization o where o.deletedAt is null
              and (:q is null or lower(o.name) like lower(concat('%', cast(:q as string), '%'))
                   or o.slug like lower(concat('%', cast(:q as string), '%')))
              and (:status is null or o.status = :status)""")
    long countSearch(@Nullable String q, @Nullable String status);
}
