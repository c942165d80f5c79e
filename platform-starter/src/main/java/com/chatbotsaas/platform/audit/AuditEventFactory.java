package com.chatbotsaas.platform.audit;

import com.chatbotsaas.platform.events.PlatformEvent;
import com.chatbotsaas.platform.events.TraceContext;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ClientIps;
import com.chatbotsaas.platform.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerMapping;

/** Builds the one event of an audited request from the request, the caller and the {@link AuditContext}. */
class AuditEventFactory {

    private final String source;

    AuditEventFactory(String serviceName) {
        this.source = "/" + serviceName;
    }

    PlatformEvent create(
            Audited audited,
            String outcome,
            int statusCode,
            @Nullable String errorCode,
            AuditContext context,
            HttpServletRequest request) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        Caller caller = Caller.currentOrNull();
        String orgId = context.organizationId() != null ? context.organizationId() : pathOrganization(request);
        putIfPresent(extensions, "orgid", orgId);
        if (context.actorId() != null) {
            extensions.put("actorid", context.actorId());
            extensions.put("actortype", context.actorType());
        } else if (caller != null) {
            extensions.put("actorid", caller.id());
            extensions.put("actortype", caller.actorType());
        } else {
            extensions.put("actortype", "anonymous");
        }
        putIfPresent(extensions, "requestid", RequestIds.current());
        putIfPresent(extensions, "traceparent", TraceContext.currentTraceparent(request.getHeader("traceparent")));
        putIfPresent(extensions, "clientip", ClientIps.of(request));
        putIfPresent(extensions, "useragent", truncate(request.getHeader("User-Agent"), 512));
        extensions.put("statuscode", statusCode);
        putIfPresent(extensions, "errorcode", errorCode);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resource_type", audited.resourceType().isEmpty() ? null : audited.resourceType());
        data.put("resource_id", context.resourceId() != null ? context.resourceId() : pathResourceId(request));
        if (!context.changes().isEmpty()) {
            data.put("changes", context.changes());
        }
        data.putAll(context.data());
        return PlatformEvent.of(audited.action(), outcome, source, extensions, data);
    }

    /**
     * The organization the path names, when it is an id: a malformed one (refused with 404) names no organization, and
     * audit-service would refuse the event rather than store the failure.
     */
    private static @Nullable String pathOrganization(HttpServletRequest request) {
        Object org = pathVariables(request).get("orgId");
        if (org == null) {
            return null;
        }
        try {
            return UUID.fromString(org.toString()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The last id path variable that is not the organization, e.g. {@code botId} of a chatbot route. Only variables
     * named {@code …Id}: others (a one-time token in the path) must never reach the audit trail.
     */
    private static @Nullable String pathResourceId(HttpServletRequest request) {
        String last = null;
        for (Entry<?, ?> entry : pathVariables(request).entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!"orgId".equals(name) && name.endsWith("Id")) {
                last = String.valueOf(entry.getValue());
            }
        }
        return last;
    }

    private static Map<?, ?> pathVariables(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? map : Map.of();
    }

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
