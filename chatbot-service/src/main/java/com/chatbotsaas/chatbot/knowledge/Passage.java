package com.chatbotsaas.chatbot.knowledge;

/**
 * A retrieved piece of knowledge.
 *
 * @param text what the chunk says (question and answer of a FAQ, or a document's passage)
 * @param reply what to answer with it (the FAQ's answer, or the passage)
 * @param confidence the share of the question's words it contains, 0..1
 */
public record Passage(String text, String reply, double confidence, double rank) {}
