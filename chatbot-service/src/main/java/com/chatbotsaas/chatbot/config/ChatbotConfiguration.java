package com.chatbotsaas.chatbot.config;

import com.chatbotsaas.platform.crypto.SecretBox;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatbotProperties.class)
@EnableScheduling
class ChatbotConfiguration {

    /** Engine API keys at rest. */
    @Bean
    SecretBox engineSecrets(ChatbotProperties properties) {
        return new SecretBox(properties.secretsKey(), "CHATBOT_SECRETS_KEY");
    }
}
