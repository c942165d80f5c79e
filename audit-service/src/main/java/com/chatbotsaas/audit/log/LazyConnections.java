package com.chatbotsaas.audit.log;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * A transaction takes a pooled connection at its first statement, not when it begins. An audited request runs in a
 * transaction from start to end (for its audit event); an export streams for as long as its client reads, and must
 * not hold a connection meanwhile: its pages run in transactions of their own ({@link AuditLogs#exportPage}).
 */
@Configuration(proxyBeanMethods = false)
class LazyConnections {

    @Bean
    static BeanPostProcessor lazyConnectionDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof LazyConnectionDataSourceProxy)
                        ? new LazyConnectionDataSourceProxy(dataSource)
                        : bean;
            }
        };
    }
}
