package com.chatbotsaas.platform.outbound;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The SSRF guard and the guarded HTTP client, for every service that calls tenant-chosen URLs. */
@AutoConfiguration
@EnableConfigurationProperties(OutboundProperties.class)
public class OutboundAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboundGuard outboundGuard(OutboundProperties properties) {
        return new OutboundGuard(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    GuardedHttpClient guardedHttpClient(OutboundGuard guard, OutboundProperties properties) {
        return new GuardedHttpClient(guard, properties);
    }
}
