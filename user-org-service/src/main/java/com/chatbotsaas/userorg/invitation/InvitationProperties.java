package com.chatbotsaas.userorg.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl how long an invitation can be accepted
 * @param acceptUrl the client page an invitee opens; the token is appended
 */
@ConfigurationProperties("userorg.invitations")
record InvitationProperties(@DefaultValue("7d") Duration ttl, String acceptUrl) {}
