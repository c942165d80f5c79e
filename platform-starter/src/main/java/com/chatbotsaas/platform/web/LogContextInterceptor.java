package com.chatbotsaas.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Puts the caller and the organization of the request into the MDC, so every log line names them. */
class LogContextInterceptor implements HandlerInterceptor {

    static final String USER_KEY = "user_id";
    static final String ORG_KEY = "organization_id";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && authentication.getName() != null) {
            MDC.put(USER_KEY, authentication.getName());
        }
        String org = organizationIdOf(request);
        if (org != null) {
            MDC.put(ORG_KEY, org);
        }
        return true;
    }

    /** The organization named by the path ({@code /organizations/{orgId}/…}), if any. */
    static @Nullable String organizationIdOf(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map) {
            Object org = map.get("orgId");
            return org == null ? null : org.toString();
        }
        return null;
    }
}
