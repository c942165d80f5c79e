package com.chatbotsaas.auth.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind the request, for throttling and for the sessions list. Proxies append the address
 * they saw to {@code X-Forwarded-For}, so the entry added by the last trusted proxy (the gateway) is the one a client
 * cannot forge; entries further left are whatever the client sent.
 */
@Component
public class ClientAddresses {

    private final Properties properties;

    ClientAddresses(Properties properties) {
        this.properties = properties;
    }

    public String of(HttpServletRequest request) {
        return resolve(request.getHeader("X-Forwarded-For"), request.getRemoteAddr(), properties.trustedProxies());
    }

    public @Nullable String userAgent(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return agent == null || agent.isBlank() ? null : agent.length() > 512 ? agent.substring(0, 512) : agent;
    }

    static String resolve(@Nullable String forwardedFor, String remoteAddress, int trustedProxies) {
        if (trustedProxies <= 0 || forwardedFor == null || forwardedFor.isBlank()) {
            return remoteAddress;
        }
        String[] hops = forwardedFor.split(",");
        int index = Math.max(0, hops.length - trustedProxies);
        String hop = hops[index].strip();
        return hop.isEmpty() || hop.length() > 64 ? remoteAddress : hop;
    }

    /**
     * @param trustedProxies how many proxies in front of the service append to {@code X-Forwarded-For} (the gateway:
     *     1); 0 when clients reach the service directly
     */
    @ConfigurationProperties("auth.client-address")
    record Properties(@DefaultValue("1") int trustedProxies) {}
}
