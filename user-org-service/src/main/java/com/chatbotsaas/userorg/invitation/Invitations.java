package com.chatbotsaas.userorg.invitation;

import com.chatbotsaas.platform.audit.AuditContext;
import com.chatbotsaas.platform.core.id.OrganizationId;
import com.chatbotsaas.platform.core.id.UserId;
import com.chatbotsaas.platform.crypto.Hashes;
import com.chatbotsaas.platform.events.EventExtensions;
import com.chatbotsaas.platform.events.EventPublisher;
import com.chatbotsaas.platform.events.MessagingProperties;
import com.chatbotsaas.platform.events.PlatformEvent;
import com.chatbotsaas.platform.permission.OrganizationAccess;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ErrorCode;
import com.chatbotsaas.platform.web.RequestIds;
import com.chatbotsaas.userorg.Actions;
import com.chatbotsaas.userorg.member.Memberships;
import com.chatbotsaas.userorg.organization.OrganizationView;
import com.chatbotsaas.userorg.organization.Organizations;
import com.chatbotsaas.userorg.role.Roles;
import com.chatbotsaas.userorg.user.UserView;
import com.chatbotsaas.userorg.user.Users;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Invitations by email. The token leaves this service once, in a message on the notifications exchange (which only
 * notification-service reads, never the audit trail); only its hash is stored. Accepting needs the invited email's
 * own login.
 */
@Service
class Invitations {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration ADDRESS_WINDOW = Duration.ofHours(24);

    private final InvitationRepository invitations;
    private final Organizations organizations;
    private final Memberships memberships;
    private final Roles roles;
    private final Users users;
    private final EventPublisher events;
    private final MessagingProperties messaging;
    private final InvitationProperties properties;

    Invitations(
            InvitationRepository invitations,
            Organizations organizations,
            Memberships memberships,
            Roles roles,
            Users users,
            EventPublisher events,
            MessagingProperties messaging,
            InvitationProperties properties) {
        this.invitations = invitations;
        this.organizations = organizations;
        this.memberships = memberships;
        this.roles = roles;
        this.users = users;
        this.events = events;
        this.messaging = messaging;
        this.properties = properties;
    }

    @Transactional
    InvitationResponse create(UUID organizationId, CreateInvitationRequest request) {
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        AuditContext.current().data("email", email).data("role", request.role());
        String role = roles.requireAssignable(organizationId, request.role(), OrganizationAccess.current());
        users.findByEmail(email)
                .flatMap(user -> memberships.find(OrganizationId.of(organizationId), UserId.of(user.id())))
                .ifPresent(m -> {
                    throw ApiException.conflict("The user is already a member of this organization");
                });
        if (invitations.pendingFor(organizationId, email)) {
            throw ApiException.conflict("A pending invitation for this email exists");
        }
        // The organization row stays locked to the end of the transaction, so the counts below cannot be raced.
        memberships.requireSeat(organizationId, true);
        requirePendingRoom(organizationId);
        requireAllowanceFor(organizationId, email);
        String token = newToken();
        Caller inviter = Caller.current();
        Invitation invitation = invitations.save(new Invitation(
                organizationId,
                email,
                role,
                hash(token),
                UUID.fromString(inviter.id()),
                Instant.now().plus(properties.ttl())));
        AuditContext.current().resourceId(invitation.id());
        announce(invitation, token, inviter);
        return invitation.response();
    }

    /** The plan caps the pending invitations (429 {@code QUOTA_EXCEEDED}): each one mails an address chosen here. */
    private void requirePendingRoom(UUID organizationId) {
        long limit = organizations.limit(organizationId, "pending_invitations", false);
        if (limit >= 0 && invitations.countPending(organizationId) >= limit) {
            throw new ApiException(
                    ErrorCode.QUOTA_EXCEEDED,
                    "The organization's plan allows " + limit
                            + " pending invitations; revoke some or wait for them to be accepted or expire");
        }
    }

    /**
     * One organization mails one address a few times a day at most (429 {@code RATE_LIMITED} with
     * {@code Retry-After}), so revoking and inviting again cannot flood someone's inbox.
     */
    private void requireAllowanceFor(UUID organizationId, String email) {
        Instant now = Instant.now();
        List<Instant> sent = invitations.sentTo(organizationId, email, now.minus(ADDRESS_WINDOW));
        int allowed = properties.perAddressPerDay();
        if (sent.size() < allowed) {
            return;
        }
        Instant freed = sent.get(sent.size() - allowed).plus(ADDRESS_WINDOW);
        long seconds = Math.max(1, Duration.between(now, freed).toSeconds() + 1);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        throw new ApiException(
                ErrorCode.RATE_LIMITED,
                "This address has been invited " + allowed + " times in the last 24 hours; try again later");
    }

    @Transactional(readOnly = true)
    List<InvitationResponse> pending(UUID organizationId) {
        return invitations.findPending(organizationId).stream()
                .map(Invitation::response)
                .toList();
    }

    @Transactional
    void revoke(UUID organizationId, UUID invitationId) {
        Invitation invitation = invitations
                .findByIdAndOrganizationId(invitationId, organizationId)
                .filter(i -> i.usable(Instant.now()))
                .orElseThrow(() -> ApiException.notFound("Invitation"));
        AuditContext.current().data("email", invitation.email());
        invitation.revoke();
    }

    @Transactional
    Map<String, Object> accept(String token) {
        Invitation invitation = invitations
                .findByTokenHash(hash(token))
                .filter(i -> i.usable(Instant.now()))
                .orElseThrow(() -> ApiException.notFound("Invitation"));
        AuditContext.current()
                .resourceId(invitation.id())
                .organizationId(invitation.organizationId())
                .data("role", invitation.role());
        Caller caller = Caller.current();
        // Anyone can register an address they do not own; only a verified one proves the invitee is its owner.
        if (!Boolean.TRUE.equals(caller.token().getClaimAsBoolean("email_verified"))) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Verify your email address before accepting an invitation sent to it");
        }
        UserView user = users.provisionCaller(caller);
        if (!user.email().equalsIgnoreCase(invitation.email())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This invitation was sent to another email address");
        }
        if (organizations.find(invitation.organizationId()).isEmpty()) {
            throw ApiException.notFound("Invitation");
        }
        memberships.join(OrganizationId.of(invitation.organizationId()), UserId.of(user.id()), invitation.role());
        invitation.accept(user.id());
        return Map.of("organization_id", invitation.organizationId(), "role", invitation.role());
    }

    /** The message notification-service turns into the invitation email; it carries the token, so it is private. */
    private void announce(Invitation invitation, String token, Caller inviter) {
        OrganizationView organization = organizations
                .find(invitation.organizationId())
                .orElseThrow(() -> ApiException.notFound("Organization"));
        EventExtensions extensions = EventExtensions.actor(inviter.id(), inviter.actorType())
                .organization(invitation.organizationId())
                .requestId(RequestIds.current());
        InvitationMessage data = new InvitationMessage(
                invitation.id(),
                organization.id(),
                organization.name(),
                invitation.email(),
                invitation.role(),
                inviter.name() == null ? "" : inviter.name(),
                token,
                properties.acceptUrl() + token,
                invitation.expiresAt());
        events.publishTo(
                messaging.notificationsExchange(),
                PlatformEvent.message(Actions.INVITATION_MESSAGE, "/user-org-service", extensions, data));
    }

    /** The data of the {@code notification.invitation} message; it carries the token, which its text never shows. */
    record InvitationMessage(
            UUID invitationId,
            UUID organizationId,
            String organizationName,
            String email,
            String role,
            String inviterName,
            String token,
            String acceptUrl,
            Instant expiresAt) {

        @Override
        public String toString() {
            return "InvitationMessage[invitationId=" + invitationId + ", organizationId=" + organizationId + ", role="
                    + role + ", token=***, expiresAt=" + expiresAt + "]";
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        return Hashes.sha256Hex(token);
    }
}
