package com.chatbotsaas.platform.idempotency;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** {@code Idempotency-Key} support on every POST of a servlet service, kept in Redis. */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(StringRedisTemplate.class)
@ConditionalOnProperty(name = "platform.idempotency.enabled", havingValue = "true", matchIfMissing = true)
public class IdempotencyAutoConfiguration {

    @Bean
    FilterRegistrationBean<IdempotencyFilter> platformIdempotencyFilter(
            StringRedisTemplate redis,
            JsonMapper jsonMapper,
            Environment environment,
            @Value("${platform.idempotency.ttl:24h}") Duration ttl,
            @Value("${platform.idempotency.lock-ttl:2m}") Duration lockTtl) {
        String service = environment.getProperty("spring.application.name", "application");
        var registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(redis, jsonMapper, service, ttl, lockTtl));
        // After Spring Security, so the caller is known and the key is theirs alone.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }
}
