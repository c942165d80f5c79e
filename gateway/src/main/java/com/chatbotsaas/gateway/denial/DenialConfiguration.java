package com.chatbotsaas.gateway.denial;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DenialConfiguration {

    /** Declared as the services declare it, so the gateway's first event never meets a missing exchange. */
    @Bean
    TopicExchange platformEventsExchange(DenialProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }
}
