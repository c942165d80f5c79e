package com.chatbotsaas.platform.permission;

import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access answers in Redis, shared by every service. Each organization has a version; eviction bumps it, which makes
 * every cached answer of that organization unreachable at once (they then expire). Redis trouble only costs a call:
 * the cache is skipped, never trusted blindly.
 */
public class PermissionCache {

    private static final Logger log = LoggerFactory.getLogger(PermissionCache.class);
    private static final String PREFIX = "platform:access:";
    private static final Duration VERSION_TTL = Duration.ofDays(1);

    private final StringRedisTemplate redis;
    private final JsonMapper jsonMapper;
    private final Duration ttl;

    PermissionCache(StringRedisTemplate redis, JsonMapper jsonMapper, Duration ttl) {
        this.redis = redis;
        this.jsonMapper = jsonMapper;
        this.ttl = ttl;
    }

    /**
     * Where an answer about the user is cached, under the organization's version as it was read now, and what is
     * cached there. An answer fetched after this lookup is stored under the same version: if the organization is
     * evicted meanwhile, the answer lands where nobody looks, and cannot outlive the change that evicted it.
     */
    record Slot(@Nullable String key, @Nullable OrganizationAccess access) {}

    Slot lookup(UUID organizationId, String userId) {
        String key;
        try {
            key = key(organizationId, userId);
        } catch (RuntimeException e) {
            log.debug("Permission cache skipped", e);
            return new Slot(null, null);
        }
        try {
            String json = redis.opsForValue().get(key);
            return new Slot(key, json == null ? null : jsonMapper.readValue(json, OrganizationAccess.class));
        } catch (RuntimeException e) {
            log.debug("Permission cache read skipped", e);
            return new Slot(key, null);
        }
    }

    void put(Slot slot, OrganizationAccess access) {
        if (slot.key() == null) {
            return;
        }
        try {
            redis.opsForValue().set(slot.key(), jsonMapper.writeValueAsString(access), ttl);
        } catch (RuntimeException e) {
            log.debug("Permission cache write skipped", e);
        }
    }

    /** Forgets every cached answer about the organization. */
    public void evict(UUID organizationId) {
        try {
            String version = versionKey(organizationId);
            redis.opsForValue().increment(version);
            redis.expire(version, VERSION_TTL);
        } catch (RuntimeException e) {
            log.warn("Permission cache eviction for {} failed; entries expire within {}", organizationId, ttl, e);
        }
    }

    private String key(UUID organizationId, String userId) {
        String version = redis.opsForValue().get(versionKey(organizationId));
        return PREFIX + organizationId + ":" + (version == null ? "0" : version) + ":" + userId;
    }

    private static String versionKey(UUID organizationId) {
        return PREFIX + organizationId + ":version";
    }
}
