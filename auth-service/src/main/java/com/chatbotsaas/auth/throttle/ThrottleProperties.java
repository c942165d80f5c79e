package com.chatbotsaas.auth.throttle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on credential guessing and on reset emails, counted in Redis.
 *
 * @param enabled whether to throttle at all
 * @param failOpen whether to let requests through while Redis is unavailable (Keycloak's brute-force detection still
 *     applies) rather than refuse them with 503
 */
@ConfigurationProperties("auth.throttle")
record ThrottleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean failOpen,
        @DefaultValue Login login,
        @DefaultValue PasswordReset passwordReset,
        @DefaultValue EmailVerification emailVerification) {

    /**
     * Failed password checks (login, password change) per email and per client address; once either reaches its
     * limit within the window, further attempts are answered 429 until the window that started with the first failure
     * ends. The address limit is higher (an address may be shared by many people behind a proxy) and does not apply to
     * an account that signed in from that address within {@code knownClientTtl}.
     */
    record Login(
            @DefaultValue("5") int maxFailuresPerEmail,
            @DefaultValue("20") int maxFailuresPerAddress,
            @DefaultValue("1m") Duration window,
            @DefaultValue("30d") Duration knownClientTtl) {}

    /** Reset emails to one email address within the window; further requests are answered 202 but send nothing. */
    record PasswordReset(
            @DefaultValue("3") int maxMessagesPerEmail,
            @DefaultValue("1h") Duration window) {}

    /** Verification emails to one address within the window (registration's included); resends beyond are a 429. */
    record EmailVerification(
            @DefaultValue("3") int maxMessagesPerEmail,
            @DefaultValue("1h") Duration window) {}
}
