package com.chatbotsaas.platform.audit;

import com.chatbotsaas.platform.events.EventPublisher;
import com.chatbotsaas.platform.events.EventsAutoConfiguration;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Audited actions: {@link Audited} controller methods emit their success and failure events, and their operations
 * name the action in the OpenAPI document.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(EventPublisher.class)
public class AuditAutoConfiguration {

    @Bean
    AuditedActions platformAuditedActions(
            EventPublisher publisher, TransactionTemplate transactions, Environment environment) {
        String service = environment.getProperty("spring.application.name", "application");
        return new AuditedActions(publisher, transactions, new AuditEventFactory(service));
    }

    /**
     * Wraps every {@link Audited} method. An infrastructure advisor, so the auto-proxy creator that transactions
     * already use applies it; the interceptor is looked up on first call, so that asking for advisors while beans are
     * being post-processed does not create the publisher and its broker connection early.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor platformAuditedAdvisor(ObjectProvider<AuditedActions> auditedActions) {
        MethodInterceptor interceptor = invocation -> auditedActions.getObject().invoke(invocation);
        return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Audited.class), interceptor);
    }

    @Bean
    AuditedOperationDocumentation platformAuditedOperationDocumentation() {
        return new AuditedOperationDocumentation();
    }

    @Bean
    WebMvcConfigurer platformAuditInterceptor(AuditedActions auditedActions) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // First, so that it sees every request that any later interceptor rejects.
                registry.addInterceptor(auditedActions).order(-100);
            }
        };
    }
}
