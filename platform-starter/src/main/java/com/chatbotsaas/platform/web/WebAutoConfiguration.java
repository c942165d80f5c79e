package com.chatbotsaas.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The API conventions of every servlet service: request id, log context, error envelope. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestContextFilter> platformRequestContextFilter() {
        var registration = new FilterRegistrationBean<>(new RequestContextFilter());
        // Before security, so that even a rejected request has its id in the logs and the response.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ApiExceptionHandler platformApiExceptionHandler() {
        return new ApiExceptionHandler();
    }

    @Bean
    EnvelopeErrorController platformErrorController() {
        return new EnvelopeErrorController();
    }

    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    TomcatErrorEnvelope platformTomcatErrorEnvelope() {
        return new TomcatErrorEnvelope();
    }

    @Bean
    io.swagger.v3.core.jackson.ModelResolver platformApiSchemas() {
        return ApiSchemas.resolver();
    }

    @Bean
    ErrorEnvelopeDocumentation platformErrorEnvelopeDocumentation() {
        return new ErrorEnvelopeDocumentation();
    }

    @Bean
    WebMvcConfigurer platformLogContext() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new LogContextInterceptor());
            }
        };
    }
}
