package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.security.ServiceTokens;
import feign.RequestInterceptor;
import org.springframework.context.annotation.Bean;

/**
 * Feign configuration of calls this service makes as itself: its own token replaces the caller's. Not a
 * {@code @Configuration}, so it applies only to the clients that name it. Public: the build's generated context code
 * (Spring AOT) creates it from another package.
 */
public class ServiceAuthentication {

    @Bean
    RequestInterceptor serviceTokenInterceptor(ServiceTokens tokens) {
        return template -> {
            template.removeHeader("Authorization");
            template.header("Authorization", "Bearer " + tokens.bearerToken());
        };
    }
}
