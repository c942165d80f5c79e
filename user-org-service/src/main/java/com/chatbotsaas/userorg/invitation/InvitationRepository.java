package com.chatbotsaas.userorg.invitation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface InvitationRepository extends JpaRepository<Invitation, UUID> {

    Optional<Invitation> findByTokenHash(String tokenHash);

    Optional<Invitation> findByIdAndOrganizationId(UUID id, UUID organizationId);

    @Query("""
            select i from Invitation i where i.organizationId = :organizationId and i.status = 'pending'
              and i.expiresAt > current_timestamp order by i.createdAt desc""")
    List<Invitation> findPending(UUID organizationId);

    @Query("""
            select count(i) > 0 from Invitation i where i.organizationId = :organizationId
              and lower(i.email) = lower(:email) and i.status = 'pending' and i.expiresAt > current_timestamp""")
    boolean pendingFor(UUID organizationId, String email);

    @Query("""
            select count(i) from Invitation i where i.organizationId = :organizationId and i.status = 'pending'
              and i.expiresAt > current_timestamp""")
    long countPending(UUID organizationId);

    /** When the organization invited the address since the instant, oldest first. */
    @Query("""
            select i.createdAt from Invitation i where i.organizationId = :organizationId and i.email = :email
              and i.createdAt > :since order by i.createdAt""")
    List<Instant> sentTo(UUID organizationId, String email, Instant since);
}
