package com.chatbotsaas.userorg.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl how long an invitation can be accepted
 * @param acceptUrl the client page an invitee opens; the token is appended
 * @param perAddressPerDay how many invitations one organization may send one address in 24 hours, whatever became of
 *     them (revoking and inviting again counts)
 */
@ConfigurationProperties("userorg.invitations")
record InvitationProperties(
        @DefaultValue("7d") Duration ttl,
        String acceptUrl,
        @DefaultValue("3") int perAddressPerDay) {}
