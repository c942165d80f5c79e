package com.chatbotsaas.chatbot.engine;

/**
 * A reply.
 *
 * @param fallback whether the engine had no answer and the chatbot's fallback message is the reply
 */
public record EngineReply(String content, boolean fallback) {}
