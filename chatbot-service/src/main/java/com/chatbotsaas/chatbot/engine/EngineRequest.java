package com.chatbotsaas.chatbot.engine;

import com.chatbotsaas.chatbot.chatbot.Chatbot;
import java.util.List;
import java.util.UUID;

/**
 * What an engine answers: the user's message in its conversation, with the conversation's recent history (oldest
 * first, without the message itself).
 */
public record EngineRequest(Chatbot chatbot, UUID conversationId, UUID messageId, String message, List<Turn> history) {

    /** One earlier message: {@code user} or {@code assistant}. */
    public record Turn(String role, String content) {}
}
