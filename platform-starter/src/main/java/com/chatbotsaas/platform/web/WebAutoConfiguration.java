package com.chatbotsaas.platform.web;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** The API conventions of every servlet service: request id, log context, error envelope, request text rules. */
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

    @Bean
    WebMvcConfigurer platformRequestParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // Last, like the reading of a body: a caller without permission learns that first, and the
                // interceptors before it (the audit's) still see the refused request complete.
                registry.addInterceptor(new RequestParameters()).order(Ordered.LOWEST_PRECEDENCE);
            }
        };
    }

    /**
     * Request bodies are read with the application's mapper plus {@link RequestStrings}: the converter Spring MVC
     * built on that mapper is replaced in place, so its position and media types stay as they were.
     */
    @Bean
    WebMvcConfigurer platformRequestStrings(ObjectProvider<JsonMapper> mappers) {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                JsonMapper mapper = mappers.getIfAvailable();
                if (mapper == null) {
                    return;
                }
                JsonMapper strict =
                        mapper.rebuild().addModule(RequestStrings.module()).build();
                // Only the plain converter of the application's mapper: subclasses made for their own types (Spring
                // Data's projections, which come first and write nothing else) and other mappers' converters stay.
                converters.replaceAll(converter -> converter.getClass() == JacksonJsonHttpMessageConverter.class
                                && ((JacksonJsonHttpMessageConverter) converter).getMapper() == mapper
                        ? new JacksonJsonHttpMessageConverter(strict)
                        : converter);
            }
        };
    }
}
