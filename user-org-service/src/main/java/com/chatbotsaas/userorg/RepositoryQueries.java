package com.chatbotsaas.userorg;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * The repositories' {@code @Query} strings are read by Spring Data's regex-based query enhancer instead of its ANTLR
 * HQL parser. The parser runs for every declared query while the repositories are created, and was about a quarter of
 * this service's start-up (docs/benchmarks.md). What the parser adds over the regex is the rewriting of a query: a
 * derived count query, a dynamic {@code Sort}, a DTO projection. None of the queries here asks for one: each has its
 * count query written out, its order fixed in the text, and returns entities or plain values. A query that needs such
 * rewriting should not be added without removing this.
 */
@Configuration(proxyBeanMethods = false)
class RepositoryQueries {

    @Bean
    static BeanPostProcessor regexQueryEnhancer() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof JpaRepositoryFactoryBean<?, ?, ?> factory) {
                    factory.setQueryEnhancerSelectorSource(query -> QueryEnhancerFactories.fallback());
                }
                return bean;
            }
        };
    }
}
