package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.config.NotificationProperties;
import com.chatbotsaas.platform.crypto.SecretBox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    /** Signing secrets at rest: the service reads them back to sign, so it cannot keep only a hash. */
    @Bean
    SecretBox webhookSecrets(NotificationProperties properties) {
        return new SecretBox(properties.webhooks().secretKey(), "WEBHOOK_SECRET_KEY");
    }
}
