package com.chatbotsaas.chatbot.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document into chunks of about {@code target} characters along paragraph, then sentence, boundaries, so
 * that a retrieved passage is a readable unit.
 */
final class Chunker {

    private Chunker() {}

    static List<String> chunks(String content, int target) {
        List<String> pieces = new ArrayList<>();
        for (String paragraph : content.split("\\n\\s*\\n")) {
            String p = paragraph.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.length() <= target) {
                pieces.add(p);
            } else {
                pieces.addAll(List.of(p.split("(?<=[.!?])\\s+")));
            }
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces) {
            if (!current.isEmpty() && current.length() + piece.length() + 1 > target) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            while (piece.length() > target * 2) {
                // A sentence with no boundary at all: cut it hard rather than keep a giant chunk.
                chunks.add(piece.substring(0, target));
                piece = piece.substring(target);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(piece);
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }
}
