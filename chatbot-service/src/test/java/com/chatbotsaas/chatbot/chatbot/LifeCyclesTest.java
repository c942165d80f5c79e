package com.chatbotsaas.chatbot.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.chatbot.conversation.ConversationStatus;
import com.chatbotsaas.platform.core.status.Status;
import org.junit.jupiter.api.Test;

/** The chatbot's and the conversation's life cycles, as the API documents them. */
class LifeCyclesTest {

    @Test
    void aChatbotGoesBetweenDraftAndActiveAndIsArchivedForGood() {
        assertThat(ChatbotStatus.DRAFT.next()).containsExactlyInAnyOrder(ChatbotStatus.ACTIVE, ChatbotStatus.ARCHIVED);
        assertThat(ChatbotStatus.ACTIVE.next()).containsExactlyInAnyOrder(ChatbotStatus.DRAFT, ChatbotStatus.ARCHIVED);
        assertThat(ChatbotStatus.ARCHIVED.isFinal()).isTrue();
        assertThat(Status.choices(ChatbotStatus.class)).isEqualTo("draft, active or archived");
    }

    @Test
    void aClosedConversationIsOnlyReopenedAndNothingElseIsFinal() {
        assertThat(ConversationStatus.OPEN.next())
                .containsExactlyInAnyOrder(ConversationStatus.HANDOFF, ConversationStatus.CLOSED);
        assertThat(ConversationStatus.HANDOFF.next())
                .containsExactlyInAnyOrder(ConversationStatus.OPEN, ConversationStatus.CLOSED);
        assertThat(ConversationStatus.CLOSED.next()).containsExactly(ConversationStatus.OPEN);
        assertThat(Status.choices(ConversationStatus.class)).isEqualTo("open, handoff or closed");
    }
}
