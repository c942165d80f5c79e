package com.chatbotsaas.auth.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tokenTtl how long a verification link works after it was sent
 * @param retention how long used and expired tokens are kept (for support questions) before they are deleted
 */
@ConfigurationProperties("auth.email-verification")
record EmailVerificationProperties(
        @DefaultValue("24h") Duration tokenTtl,
        @DefaultValue("7d") Duration retention) {}
