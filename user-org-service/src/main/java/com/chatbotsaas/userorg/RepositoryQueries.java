package com.chatbotsaas.userorg;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * The repositories' {@code @Query} strings are read by Spring Data's regex-based query enhancer instead of its ANTLR
 * HQL parser. The parser runs for every declared query while the repositories are created, and was about a quarter of
 * this service's start-up (docs/benchmarks.md). The two differ only where Spring Data rewrites a query — a derived
 * count query, a dynamic {@code Sort}, a DTO projection — which the regex handles for simple query shapes only. None
 * of the queries here is rewritten: each count query is written out, each order is fixed in the text, the one
 * {@code Pageable} is unsorted, and results are entities or plain values. Adding a query that Spring Data must rewrite
 * means checking the result, or removing this.
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
