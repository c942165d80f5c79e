package com.chatbotsaas.chatbot.engine;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.chatbot.knowledge.Knowledge;
import com.chatbotsaas.chatbot.knowledge.Passage;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The built-in engine: answers with the best passage of the chatbot's own knowledge when it is confident enough
 * (the share of the question's words the passage contains reaches the threshold), else with the fallback message.
 * Needs no external service.
 */
@Component
class KnowledgeEngine implements Engine {

    static final double DEFAULT_THRESHOLD = 0.4;

    private final Knowledge knowledge;
    private final ChatbotProperties properties;

    KnowledgeEngine(Knowledge knowledge, ChatbotProperties properties) {
        this.knowledge = knowledge;
        this.properties = properties;
    }

    @Override
    public String type() {
        return "knowledge";
    }

    @Override
    public boolean usesHistory() {
        return false;
    }

    @Override
    public EngineReply reply(EngineRequest request, DeltaSink deltas) {
        Number configured = request.chatbot().number("confidence_threshold");
        double threshold = configured == null ? DEFAULT_THRESHOLD : configured.doubleValue();
        List<Passage> passages = knowledge.search(
                request.chatbot(), request.message(), properties.engines().passages());
        if (passages.isEmpty()
                || passages.getFirst().confidence() < threshold
                || passages.getFirst().confidence() == 0) {
            return new EngineReply(request.chatbot().fallbackMessage(), true);
        }
        return new EngineReply(passages.getFirst().reply(), false);
    }
}
