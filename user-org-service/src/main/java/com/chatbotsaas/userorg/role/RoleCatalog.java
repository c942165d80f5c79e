package com.chatbotsaas.userorg.role;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The permission catalog and the system roles every organization has. */
public final class RoleCatalog {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String VIEWER = "viewer";

    public static final List<String> PERMISSIONS = List.of(
            "org.read",
            "org.update",
            "org.delete",
            "members.read",
            "members.manage",
            "roles.manage",
            "chatbots.read",
            "chatbots.write",
            "chatbots.delete",
            "knowledge.write",
            "conversations.read",
            "conversations.write",
            "audit.read",
            "audit.export",
            "webhooks.manage",
            "api_clients.manage");

    private static final Map<String, Set<String>> SYSTEM_ROLES = Map.of(
            OWNER, Set.copyOf(PERMISSIONS),
            ADMIN, without(PERMISSIONS, "org.delete"),
            MEMBER,
                    Set.of(
                            "org.read",
                            "members.read",
                            "chatbots.read",
                            "chatbots.write",
                            "chatbots.delete",
                            "knowledge.write",
                            "conversations.read",
                            "conversations.write"),
            VIEWER, Set.of("org.read", "members.read", "chatbots.read", "conversations.read"));

    /** The role an organization API client holds in the organization its token is bound to. */
    public static final String API_CLIENT = "api_client";

    /** An integration builds and serves chatbots: the member role's permissions but reading members. */
    public static final Set<String> API_CLIENT_PERMISSIONS =
            without(List.copyOf(SYSTEM_ROLES.get(MEMBER)), "members.read");

    private RoleCatalog() {}

    public static final List<String> SYSTEM_ROLE_NAMES = List.of(OWNER, ADMIN, MEMBER, VIEWER);

    /** Permissions only an owner holds: no custom role may carry them. */
    public static final Set<String> OWNER_ONLY = Set.of("org.delete");

    /** The permissions of a system role, named in any case as {@link #isSystemRole} reads it; empty for another name. */
    public static Set<String> systemPermissions(String role) {
        return SYSTEM_ROLES.getOrDefault(role.toLowerCase(java.util.Locale.ROOT), Set.of());
    }

    public static boolean isSystemRole(String role) {
        return SYSTEM_ROLES.containsKey(role.toLowerCase(java.util.Locale.ROOT));
    }

    private static Set<String> without(List<String> all, String excluded) {
        Set<String> result = new LinkedHashSet<>(all);
        result.remove(excluded);
        return Set.copyOf(result);
    }
}
