package com.chatbotsaas.platform.permission;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;

/** The permission client of services that guard organization resources (not user-org-service itself). */
@AutoConfiguration
@ConditionalOnProperty(name = "platform.permissions.enabled", havingValue = "true", matchIfMissing = true)
@EnableFeignClients(clients = PermissionApi.class)
public class PermissionAutoConfiguration {

    @Bean
    Permissions platformPermissions(PermissionApi api) {
        return new Permissions(api);
    }

    @Bean
    ForwardingRequestInterceptor platformForwardingRequestInterceptor() {
        return new ForwardingRequestInterceptor();
    }
}
