package com.chatbotsaas.userorg;

/**
 * The name of every action this service audits or emits (and of its private messages), written once:
 * {@code @Audited(action = ...)} and {@code PlatformEvent.of}/{@code message} use these constants, never a literal.
 * platform-test's {@code ContractCoverageTest} checks that each is used and has its contract in {@code contracts/}.
 */
public final class Actions {

    /** An organization created. */
    public static final String ORG_CREATE = "org.create";

    /** An organization changed (by its owner or a platform administrator). */
    public static final String ORG_UPDATE = "org.update";

    /** An organization deleted (the other services clean up after it). */
    public static final String ORG_DELETE = "org.delete";

    /** A user account created by an organization's administrator. */
    public static final String USER_CREATE = "user.create";

    /** A user's profile changed (by the user or an administrator). */
    public static final String USER_UPDATE = "user.update";

    /** A user deleted. */
    public static final String USER_DELETE = "user.delete";

    /** A member's role changed. */
    public static final String MEMBER_UPDATE = "member.update";

    /** A member removed from an organization. */
    public static final String MEMBER_REMOVE = "member.remove";

    /** A custom role created. */
    public static final String ROLE_CREATE = "role.create";

    /** A custom role's name or permissions changed. */
    public static final String ROLE_UPDATE = "role.update";

    /** A custom role deleted. */
    public static final String ROLE_DELETE = "role.delete";

    /** An invitation sent. */
    public static final String INVITATION_CREATE = "invitation.create";

    /** An invitation revoked before it was accepted. */
    public static final String INVITATION_REVOKE = "invitation.revoke";

    /** An invitation accepted: the invitee joined. */
    public static final String INVITATION_ACCEPT = "invitation.accept";

    /** Private message: the invitation for notification-service to email. */
    public static final String INVITATION_MESSAGE = "notification.invitation";

    private Actions() {}
}
