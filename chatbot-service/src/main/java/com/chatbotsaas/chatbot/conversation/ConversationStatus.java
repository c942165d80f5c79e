package com.chatbotsaas.chatbot.conversation;

import com.chatbotsaas.platform.core.status.Status;
import java.util.Set;

/**
 * A conversation's life cycle: {@code open} (the bot replies), {@code handoff} (a human took over and the bot stays
 * silent), {@code closed} (no more messages). A member may hand an open conversation over or give it back, close
 * either, and reopen a closed one; a closed conversation is not handed over without being reopened first.
 */
public enum ConversationStatus implements Status<ConversationStatus> {
    OPEN,
    HANDOFF,
    CLOSED;

    @Override
    public Set<ConversationStatus> next() {
        return switch (this) {
            case OPEN -> Set.of(HANDOFF, CLOSED);
            case HANDOFF -> Set.of(OPEN, CLOSED);
            case CLOSED -> Set.of(OPEN);
        };
    }
}
