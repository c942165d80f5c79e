package com.chatbotsaas.userorg.member;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    @Query("""
            select count(m) from Membership m
            where m.key.organizationId = :organizationId and m.role = :role and m.deletedAt is null""")
    long countWithRole(UUID organizationId, String role);

    @Modifying
    @Query("""
            update Membership m set m.role = :to, m.updatedAt = current_timestamp
            where m.key.organizationId = :organizationId and m.role = :from and m.deletedAt is null""")
    int reassign(UUID organizationId, String from, String to);
}
