package com.chatbotsaas.auth;

/**
 * The name of every action this service audits or emits (and of its private messages), written once:
 * {@code @Audited(action = ...)} and {@code PlatformEvent.of}/{@code message} use these constants, never a literal.
 * platform-test's {@code ContractCoverageTest} checks that each is used and has its contract in {@code contracts/}.
 */
public final class Actions {

    /** A new account registered itself. */
    public static final String AUTH_REGISTER = "auth.register";

    /** A sign-in with email and password. */
    public static final String AUTH_LOGIN = "auth.login";

    /** An access token renewed with a refresh token. */
    public static final String AUTH_REFRESH = "auth.refresh";

    /** A session signed out. */
    public static final String AUTH_LOGOUT = "auth.logout";

    /** One of the user's other sessions ended by its owner. */
    public static final String AUTH_SESSION_REVOKE = "auth.session.revoke";

    /** A password changed with the current one. */
    public static final String AUTH_PASSWORD_CHANGE = "auth.password.change";

    /** A reset link asked for (answered the same whether or not the account exists). */
    public static final String AUTH_PASSWORD_FORGOT = "auth.password.forgot";

    /** A password set again with a reset token. */
    public static final String AUTH_PASSWORD_RESET = "auth.password.reset";

    /** A fresh email verification link asked for. */
    public static final String AUTH_EMAIL_RESEND = "auth.email.resend";

    /** An email verified with its token. */
    public static final String AUTH_EMAIL_VERIFY = "auth.email.verify";

    /** An organization's API client created. */
    public static final String API_CLIENT_CREATE = "api_client.create";

    /** An organization's API client revoked. */
    public static final String API_CLIENT_REVOKE = "api_client.revoke";

    /** An account created on another service's behalf (internal API). */
    public static final String USER_CREATE = "user.create";

    /** Private message: the verification link for notification-service to email. */
    public static final String EMAIL_VERIFICATION_REQUESTED = "auth.email.verification_requested";

    /** Private message: the reset link for notification-service to email. */
    public static final String PASSWORD_RESET_REQUESTED = "auth.password.reset_requested";

    private Actions() {}
}
