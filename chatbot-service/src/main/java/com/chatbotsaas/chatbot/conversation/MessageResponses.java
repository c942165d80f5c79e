package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.platform.web.ApiResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The answer to a sent message: 202 with the message, or — with {@code Prefer: wait=N} — 200 with the message and its
 * reply once the reply exists (still 202 if it did not come in time). The controller method runs in the audited
 * transaction, so the wait happens here, when its response is written: after the message is committed and queued.
 */
@ControllerAdvice
public class MessageResponses implements ResponseBodyAdvice<Object> {

    private static final String WAIT = MessageResponses.class.getName() + ".wait";

    private final Messages messages;

    MessageResponses(Messages messages) {
        this.messages = messages;
    }

    private record Wait(MessageView message, int seconds) {}

    public static ResponseEntity<ApiResponse<Map<String, Object>>> accepted(MessageView message, int waitSeconds) {
        if (waitSeconds > 0
                && message.status().equals("queued")
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            attributes.getRequest().setAttribute(WAIT, new Wait(message, waitSeconds));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(ApiResponse.of("Message accepted", new Messages.Sent(message, null).body()));
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(
            @Nullable Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(request instanceof ServletServerHttpRequest servlet)
                || !(servlet.getServletRequest().getAttribute(WAIT) instanceof Wait wait)) {
            return body;
        }
        servlet.getServletRequest().removeAttribute(WAIT);
        MessageView reply = messages.awaitReply(wait.message(), wait.seconds());
        if (reply == null) {
            return body;
        }
        MessageView m = wait.message();
        MessageView answered = new MessageView(
                m.id(),
                m.conversationId(),
                m.role(),
                m.content(),
                reply.status().equals("failed") ? "failed" : "answered",
                null,
                reply.id(),
                false,
                m.createdAt());
        response.setStatusCode(HttpStatus.OK);
        return ApiResponse.of("Message answered", new Messages.Sent(answered, reply).body());
    }
}
