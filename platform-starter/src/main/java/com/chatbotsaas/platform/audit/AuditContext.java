package com.chatbotsaas.platform.audit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the code handling an audited request knows and the audit event should say: the resource acted on, the
 * organization, the actor when it is not the token's subject, changes and extra data. It lives in the request's
 * attributes, so it exists only while a request is handled: a call from a listener, a scheduled job or a worker
 * thread throws rather than recording into nothing, since no audit event would ever carry what it was told.
 */
public final class AuditContext {

    private static final String ATTRIBUTE = AuditContext.class.getName();

    private @Nullable String resourceId;
    private @Nullable String organizationId;
    private @Nullable String actorId;
    private @Nullable String actorType;
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, List<@Nullable Object>> changes = new LinkedHashMap<>();

    /**
     * The context of the request being handled.
     *
     * @throws IllegalStateException outside an HTTP request, where nothing would be audited
     */
    public static AuditContext current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            throw new IllegalStateException("AuditContext.current() called outside an HTTP request: no audit event"
                    + " would carry what it records. Work done off the request thread (a listener, a scheduled job, a"
                    + " worker) publishes an event of its own with PlatformEvent.of and EventPublisher.");
        }
        Object existing = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (existing instanceof AuditContext context) {
            return context;
        }
        AuditContext context = new AuditContext();
        attributes.setAttribute(ATTRIBUTE, context, RequestAttributes.SCOPE_REQUEST);
        return context;
    }

    public AuditContext resourceId(Object id) {
        this.resourceId = id.toString();
        return this;
    }

    public AuditContext organizationId(Object id) {
        this.organizationId = id.toString();
        return this;
    }

    /** The actor when the request carried no token, e.g. the user who just registered or logged in. */
    public AuditContext actor(Object id, String type) {
        this.actorId = id.toString();
        this.actorType = type;
        return this;
    }

    /** Extra data; never a password, token or secret. */
    public AuditContext data(String key, @Nullable Object value) {
        if (value != null) {
            data.put(key, value);
        }
        return this;
    }

    /** A changed field, recorded as {@code [old, new]}. */
    public AuditContext change(String field, @Nullable Object oldValue, @Nullable Object newValue) {
        changes.put(field, Arrays.asList(oldValue, newValue));
        return this;
    }

    @Nullable
    String resourceId() {
        return resourceId;
    }

    @Nullable
    String organizationId() {
        return organizationId;
    }

    @Nullable
    String actorId() {
        return actorId;
    }

    @Nullable
    String actorType() {
        return actorType;
    }

    Map<String, Object> data() {
        return data;
    }

    Map<String, List<@Nullable Object>> changes() {
        return changes;
    }
}
