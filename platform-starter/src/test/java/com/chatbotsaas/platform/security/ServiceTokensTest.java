package com.chatbotsaas.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class ServiceTokensTest {

    private final WebApplicationContextRunner context = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class))
            .withPropertyValues(
                    "spring.application.name=auth-service",
                    "platform.security.issuer-uri=http://localhost:18180/realms/chatbot-saas",
                    "platform.security.jwk-set-uri=http://localhost:18180/realms/chatbot-saas/protocol/openid-connect/certs",
                    "platform.security.audience=chatbot-saas-api",
                    "platform.security.clock-skew=30s");

    @Test
    void aServiceWithoutItsClientSecretDoesNotStart() {
        context.run(started -> assertThat(started)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("SERVICE_CLIENT_SECRET is required"));
        context.withPropertyValues("platform.security.client-secret=${SERVICE_CLIENT_SECRET}")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void aGivenSecretIsUsed() {
        assertThat(ServiceTokens.requiredSecret("s3cr3t-from-the-deployment")).isEqualTo("s3cr3t-from-the-deployment");
        assertThatThrownBy(() -> ServiceTokens.requiredSecret(" ")).isInstanceOf(IllegalStateException.class);
    }
}
