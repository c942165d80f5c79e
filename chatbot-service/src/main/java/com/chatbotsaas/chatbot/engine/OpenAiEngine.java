package com.chatbotsaas.chatbot.engine;

import com.chatbotsaas.chatbot.chatbot.Chatbot;
import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.chatbot.knowledge.Knowledge;
import com.chatbotsaas.chatbot.knowledge.Passage;
import com.chatbotsaas.platform.crypto.SecretBox;
import com.chatbotsaas.platform.web.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any OpenAI-compatible chat-completions endpoint: the system prompt, the best passages of the chatbot's knowledge as
 * context, the recent history and the message. Streaming by default: each delta is relayed as it arrives.
 */
@Component
class OpenAiEngine implements Engine {

    private final EngineHttp http;
    private final JsonMapper json;
    private final SecretBox secrets;
    private final Knowledge knowledge;
    private final ChatbotProperties properties;
    private final String contextPrompt;

    OpenAiEngine(
            EngineHttp http, JsonMapper json, SecretBox secrets, Knowledge knowledge, ChatbotProperties properties) {
        this.http = http;
        this.json = json;
        this.secrets = secrets;
        this.knowledge = knowledge;
        this.properties = properties;
        try (InputStream in = new ClassPathResource("prompts/openai-context.txt").getInputStream()) {
            this.contextPrompt = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String type() {
        return "openai";
    }

    @Override
    public EngineReply reply(EngineRequest request, DeltaSink deltas) throws EngineException, InterruptedException {
        Chatbot bot = request.chatbot();
        boolean stream = !Boolean.FALSE.equals(bot.engineSettings().get("stream"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", bot.setting("model"));
        body.put("messages", messages(request));
        body.put("stream", stream);
        if (bot.number("temperature") != null) {
            body.put("temperature", bot.number("temperature"));
        }
        if (bot.number("max_tokens") != null) {
            body.put("max_tokens", bot.number("max_tokens"));
        }
        String secret = bot.engineSecret();
        Map<String, String> headers =
                secret == null ? Map.of() : Map.of("Authorization", "Bearer " + secrets.decrypt(secret));
        HttpResponse<InputStream> response =
                http.postJson(bot.id().toString(), endpoint(bot), json.writeValueAsString(body), headers);
        try (InputStream in = http.body(response)) {
            String content = stream ? readStream(in, deltas) : readWhole(in);
            if (content.isBlank()) {
                throw new EngineException(ErrorCode.UPSTREAM_ERROR, "The engine answered nothing");
            }
            http.checkLength(content);
            return new EngineReply(content, false);
        } catch (BoundedInputStream.TooLarge e) {
            throw EngineHttp.tooLarge(e);
        } catch (IOException | RuntimeException e) {
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "The engine's answer could not be read", e);
        }
    }

    private List<Map<String, String>> messages(EngineRequest request) {
        Chatbot bot = request.chatbot();
        List<Map<String, String>> messages = new ArrayList<>();
        StringBuilder system = new StringBuilder();
        String prompt = bot.setting("system_prompt");
        if (prompt != null && !prompt.isBlank()) {
            system.append(prompt.strip()).append("\n\n");
        }
        List<Passage> passages =
                knowledge.search(bot, request.message(), properties.engines().passages());
        if (!passages.isEmpty()) {
            system.append(contextPrompt);
            for (int i = 0; i < passages.size(); i++) {
                system.append('[')
                        .append(i + 1)
                        .append("] ")
                        .append(passages.get(i).text())
                        .append("\n\n");
            }
        }
        if (!system.isEmpty()) {
            messages.add(Map.of("role", "system", "content", system.toString().strip()));
        }
        for (EngineRequest.Turn turn : request.history()) {
            messages.add(Map.of("role", turn.role(), "content", turn.content()));
        }
        messages.add(Map.of("role", "user", "content", request.message()));
        return messages;
    }

    private String readStream(InputStream in, DeltaSink deltas) throws IOException, EngineException {
        StringBuilder content = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                break;
            }
            JsonNode delta =
                    json.readTree(data).path("choices").path(0).path("delta").path("content");
            if (delta.isString() && !delta.asString().isEmpty()) {
                content.append(delta.asString());
                // Checked before relaying, so no delta goes out past the cap.
                http.checkLength(content);
                deltas.delta(delta.asString());
            }
        }
        return content.toString();
    }

    private String readWhole(InputStream in) throws IOException {
        JsonNode answer = json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        return answer.path("choices").path(0).path("message").path("content").asString("");
    }

    private static URI endpoint(Chatbot bot) throws EngineException {
        String base = bot.setting("base_url");
        if (base == null) {
            throw new EngineException(ErrorCode.UPSTREAM_ERROR, "No base URL configured");
        }
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (trimmed.endsWith("/chat/completions")) {
            return URI.create(trimmed);
        }
        return URI.create(trimmed + (trimmed.endsWith("/v1") ? "" : "/v1") + "/chat/completions");
    }
}
