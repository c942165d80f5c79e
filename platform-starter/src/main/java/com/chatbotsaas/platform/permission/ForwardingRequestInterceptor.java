package com.chatbotsaas.platform.permission;

import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.RequestIds;
import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Outgoing service calls act for the caller (their token) and carry the request id. */
class ForwardingRequestInterceptor implements RequestInterceptor {

    @Override
    public void apply(RequestTemplate template) {
        Caller caller = Caller.currentOrNull();
        if (caller != null && !template.headers().containsKey("Authorization")) {
            template.header("Authorization", "Bearer " + caller.bearerToken());
        }
        String requestId = RequestIds.current();
        if (requestId != null) {
            template.header(RequestIds.HEADER, requestId);
        }
    }
}
