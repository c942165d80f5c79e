package com.chatbotsaas.chatbot.engine;

import com.chatbotsaas.chatbot.chatbot.Chatbot;
import com.chatbotsaas.platform.web.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An n8n workflow (or any webhook) as the engine: POSTs the message with the conversation's recent history and uses the
 * reply it answers — {@code {"reply": "…"}} (or {@code output}, {@code text}, {@code message}, as n8n's nodes name it),
 * or a plain-text body.
 */
@Component
class N8nEngine implements Engine {

    private final EngineHttp http;
    private final JsonMapper json;

    N8nEngine(EngineHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String type() {
        return "n8n";
    }

    @Override
    public EngineReply reply(EngineRequest request, DeltaSink deltas) throws EngineException, InterruptedException {
        Chatbot bot = request.chatbot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chatbot_id", bot.id());
        body.put("conversation_id", request.conversationId());
        body.put("message_id", request.messageId());
        body.put("message", request.message());
        body.put("history", request.history());
        String webhook = bot.setting("webhook_url");
        if (webhook == null) {
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "No webhook URL configured");
        }
        HttpResponse<InputStream> response =
                http.postJson(bot.id().toString(), URI.create(webhook), json.writeValueAsString(body), Map.of());
        String text;
        try (InputStream in = http.body(response)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (BoundedInputStream.TooLarge e) {
            throw EngineHttp.tooLarge(e);
        } catch (IOException e) {
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "The webhook's answer was cut off", e);
        }
        String reply = replyOf(text);
        if (reply == null || reply.isBlank()) {
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "The webhook answered no reply");
        }
        http.checkLength(reply);
        return new EngineReply(reply, false);
    }

    private @org.jspecify.annotations.Nullable String replyOf(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return trimmed;
        }
        JsonNode node;
        try {
            node = json.readTree(trimmed);
        } catch (RuntimeException e) {
            return trimmed;
        }
        if (node.isArray() && !node.isEmpty()) {
            node = node.get(0);
        }
        for (String field : new String[] {"reply", "output", "text", "message", "answer"}) {
            JsonNode value = node.get(field);
            if (value != null && value.isString()) {
                return value.asString();
            }
        }
        return null;
    }
}
