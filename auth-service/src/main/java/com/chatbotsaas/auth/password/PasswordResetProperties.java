package com.chatbotsaas.auth.password;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tokenTtl how long a reset token works after it was requested
 * @param retention how long used and expired tokens are kept (for support questions) before they are deleted
 */
@ConfigurationProperties("auth.password-reset")
record PasswordResetProperties(
        @DefaultValue("1h") Duration tokenTtl,
        @DefaultValue("7d") Duration retention) {}
