package com.chatbotsaas.platform.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CloudEvents extension attributes of an event built by hand (off the request thread, or a private message):
 * {@code EventExtensions.system().organization(orgId).requestId(requestId).status(200)}. Absent values are left out,
 * as the contracts expect.
 */
public final class EventExtensions {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private EventExtensions() {}

    /** Done by the platform itself (a consumer, a scheduled job, a worker): {@code actortype=system}. */
    public static EventExtensions system() {
        return none().put("actortype", "system");
    }

    /** Done by a known actor, e.g. the caller ({@code user}, {@code service}). */
    public static EventExtensions actor(Object id, String type) {
        return none().put("actorid", id.toString()).put("actortype", type);
    }

    /** No actor attributes, e.g. a private message whose contract does not carry them. */
    public static EventExtensions none() {
        return new EventExtensions();
    }

    /** {@code orgid}: the organization the event belongs to. */
    public EventExtensions organization(Object id) {
        return put("orgid", id.toString());
    }

    /** {@code requestid}: the request that caused the event, when there was one. */
    public EventExtensions requestId(@Nullable String requestId) {
        return put("requestid", requestId);
    }

    /** {@code statuscode}: the HTTP status the action would have answered. */
    public EventExtensions status(int statusCode) {
        return put("statuscode", statusCode);
    }

    /** {@code errorcode}: the error code of a failure, when there was one. */
    public EventExtensions errorCode(@Nullable String errorCode) {
        return put("errorcode", errorCode);
    }

    /** The attributes, in the order they were given. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private EventExtensions put(String name, @Nullable Object value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }
}
