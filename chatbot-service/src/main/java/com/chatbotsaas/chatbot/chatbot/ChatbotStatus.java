package com.chatbotsaas.chatbot.chatbot;

import com.chatbotsaas.platform.core.status.Status;
import java.util.Set;

/**
 * A chatbot's life cycle: created as a draft, made active to answer, taken back to draft for changes, archived for
 * good. An archived chatbot answers nothing and changes no more.
 */
public enum ChatbotStatus implements Status<ChatbotStatus> {
    DRAFT,
    ACTIVE,
    ARCHIVED;

    @Override
    public Set<ChatbotStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(ACTIVE, ARCHIVED);
            case ACTIVE -> Set.of(DRAFT, ARCHIVED);
            case ARCHIVED -> Set.of();
        };
    }
}
