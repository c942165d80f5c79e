package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Enforces {@link RequiresPermission} before the handler runs. */
class RequiresPermissionInterceptor implements HandlerInterceptor {

    private final Supplier<Permissions> permissions;

    RequiresPermissionInterceptor(Supplier<Permissions> permissions) {
        this.permissions = permissions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresPermission required =
                AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresPermission.class);
        if (required == null) {
            return true;
        }
        OrganizationAccess access = permissions.get().require(organizationId(request), required.value());
        request.setAttribute(OrganizationAccess.ATTRIBUTE, access);
        return true;
    }

    private static UUID organizationId(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Object orgId = variables instanceof Map<?, ?> map ? map.get("orgId") : null;
        if (orgId == null) {
            throw new IllegalStateException("@RequiresPermission on a route without {orgId}");
        }
        try {
            return UUID.fromString(orgId.toString());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Organization");
        }
    }
}
