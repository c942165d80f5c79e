package com.chatbotsaas.auth.web;

import com.chatbotsaas.platform.web.ClientIps;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The client behind the request, for throttling and for the sessions list. */
@Component
public class ClientAddresses {

    public String of(HttpServletRequest request) {
        return ClientIps.of(request);
    }

    public @Nullable String userAgent(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return agent == null || agent.isBlank() ? null : agent.length() > 512 ? agent.substring(0, 512) : agent;
    }
}
