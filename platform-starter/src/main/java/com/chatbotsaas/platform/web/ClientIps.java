package com.chatbotsaas.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/** The client's address as the gateway decided it. */
public final class ClientIps {

    private ClientIps() {}

    /**
     * The last {@code X-Forwarded-For} entry — the gateway sends exactly one, the client address it decided (trusting
     * only its configured proxies), and anything a client prepends is left of it — else the peer.
     */
    public static String of(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
            if (!last.isEmpty() && last.length() <= 64) {
                return last;
            }
        }
        return request.getRemoteAddr();
    }
}
