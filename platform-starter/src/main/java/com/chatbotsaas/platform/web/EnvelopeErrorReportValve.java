package com.chatbotsaas.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report for what it refuses before any application code runs (a path that is not valid UTF-8, an
 * encoded control character): the error envelope instead of Tomcat's HTML page, with the caller's request id when it
 * is acceptable.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ErrorCode code = status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.forStatus(status);
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", false);
        envelope.put("message", status >= 500 ? "Internal server error" : "The request is malformed");
        envelope.put("error_code", code.name());
        envelope.put("timestamp", Instant.now().toString());
        envelope.put("request_id", requestId);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(RequestIds.HEADER, requestId);
            response.getOutputStream().write(JSON.writeValueAsBytes(envelope));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over: there is no one left to tell.
        }
    }
}
