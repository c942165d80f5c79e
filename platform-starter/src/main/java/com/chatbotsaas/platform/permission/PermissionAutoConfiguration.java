package com.chatbotsaas.platform.permission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access decisions for organization resources: {@link RequiresPermission} on controller methods, answered by an
 * {@link AccessProvider} — user-org-service's internal API with a Redis cache, unless the service provides its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PermissionAutoConfiguration {

    /** Outgoing Feign calls act for the caller and carry the request id. */
    @Bean
    ForwardingRequestInterceptor platformForwardingRequestInterceptor() {
        return new ForwardingRequestInterceptor();
    }

    @Bean
    @ConditionalOnMissingBean
    Permissions platformPermissions(AccessProvider provider) {
        return new Permissions(provider);
    }

    @Bean
    WebMvcConfigurer platformPermissionInterceptor(ObjectProvider<Permissions> permissions) {
        // Resolved on first use: the Feign client behind it needs the MVC message converters configured here.
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // After the audit interceptor, so that a denial is still audited as a failure.
                registry.addInterceptor(new RequiresPermissionInterceptor(() -> permissions.getObject()))
                        .order(100);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "platform.permissions.enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnMissingBean(AccessProvider.class)
    @EnableFeignClients(clients = PermissionApi.class)
    static class RemoteAccessConfiguration {

        @Bean
        PermissionCache platformPermissionCache(
                StringRedisTemplate redis,
                JsonMapper jsonMapper,
                @Value("${platform.permissions.cache-ttl:60s}") Duration ttl) {
            return new PermissionCache(redis, jsonMapper, ttl);
        }

        @Bean
        AccessProvider platformRemoteAccessProvider(PermissionApi api, PermissionCache cache) {
            return new RemoteAccessProvider(api, cache);
        }

        @Bean
        PermissionCacheEvictor platformPermissionCacheEvictor(PermissionCache cache, JsonMapper jsonMapper) {
            return new PermissionCacheEvictor(cache, jsonMapper);
        }

        /** This service's queue of the events that change who may do what in an organization. */
        @Bean
        Declarables platformPermissionCacheQueue(
                @Value("${platform.permissions.cache-queue}") String queueName,
                @Value("${platform.messaging.exchange}") String exchange) {
            String deadLetters = queueName + ".dlq";
            Queue queue = QueueBuilder.durable(queueName)
                    .withArguments(Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadLetters))
                    .build();
            List<Declarable> declarables = new ArrayList<>(
                    List.of(queue, QueueBuilder.durable(deadLetters).build()));
            for (String pattern : List.of(
                    "member.*.success",
                    "role.*.success",
                    "user.delete.success",
                    "org.update.success",
                    "org.delete.success",
                    "org.suspend.success",
                    "org.reactivate.success",
                    "invitation.accept.success")) {
                declarables.add(new Binding(queueName, Binding.DestinationType.QUEUE, exchange, pattern, null));
            }
            return new Declarables(declarables);
        }
    }
}
