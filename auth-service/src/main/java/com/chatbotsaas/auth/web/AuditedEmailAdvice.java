package com.chatbotsaas.auth.web;

import com.chatbotsaas.platform.audit.AuditContext;
import java.lang.reflect.Type;
import java.util.Locale;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Records the email of a request body as soon as it is read, before validation: a registration or login refused for
 * its input is then audited with the address it was attempted for, like one refused later.
 */
@ControllerAdvice
class AuditedEmailAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return CarriesEmail.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof CarriesEmail request
                && request.email() != null
                && !request.email().isBlank()) {
            String email = request.email().strip().toLowerCase(Locale.ROOT);
            AuditContext.current().data("email", email.length() > 255 ? email.substring(0, 255) : email);
        }
        return body;
    }
}
