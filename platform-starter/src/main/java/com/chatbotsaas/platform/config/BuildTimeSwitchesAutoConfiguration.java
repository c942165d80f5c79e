package com.chatbotsaas.platform.config;

import com.chatbotsaas.platform.config.BuildTimeSwitches.BuiltOn;
import com.chatbotsaas.platform.config.BuildTimeSwitches.Switch;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The platform's switches that are bean conditions, each leaving a {@link BuiltOn} bean when it is on, and the
 * check that the environment a service starts with still agrees ({@link BuildTimeSwitches}), made before any other
 * bean exists. The conditions here repeat, word for word, those of the configurations they stand for.
 */
@AutoConfiguration
public class BuildTimeSwitchesAutoConfiguration {

    /**
     * Checked once the bean definitions are final and before any other bean is created: a contradicted switch fails
     * the start before Flyway migrates, a connection opens or a port is bound. It creates the {@link BuiltOn} records
     * itself, early (nothing post-processes them). Spring AOT's {@code process-aot} runs it too, with the build's own
     * environment, which always agrees.
     */
    @Bean
    static BeanFactoryPostProcessor platformBuildTimeSwitchesCheck(Environment environment) {
        return beanFactory -> BuildTimeSwitches.check(
                beanFactory.getBeansOfType(BuiltOn.class).values(), environment);
    }

    /** {@code PermissionAutoConfiguration.RemoteAccessConfiguration}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "platform.permissions.enabled", havingValue = "true", matchIfMissing = true)
    static class Permissions {

        @Bean
        BuiltOn platformPermissionsBuiltOn() {
            return new BuiltOn(Switch.PERMISSIONS);
        }
    }

    /** {@code IdempotencyAutoConfiguration}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "platform.idempotency.enabled", havingValue = "true", matchIfMissing = true)
    static class Idempotency {

        @Bean
        BuiltOn platformIdempotencyBuiltOn() {
            return new BuiltOn(Switch.IDEMPOTENCY);
        }
    }

    /** {@code ConsumerAutoConfiguration}'s queue listener. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("platform.messaging.consumer.queue")
    static class ConsumerQueue {

        @Bean
        BuiltOn platformConsumerQueueBuiltOn() {
            return new BuiltOn(Switch.CONSUMER_QUEUE);
        }
    }
}
