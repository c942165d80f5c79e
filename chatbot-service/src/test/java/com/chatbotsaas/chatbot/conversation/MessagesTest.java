package com.chatbotsaas.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void readsTheWaitPreferenceAndBoundsIt() {
        assertThat(Messages.preferredWait(null)).isZero();
        assertThat(Messages.preferredWait("wait=5")).isEqualTo(5);
        assertThat(Messages.preferredWait("respond-async, wait=12")).isEqualTo(12);
        assertThat(Messages.preferredWait("wait=600")).isEqualTo(30);
        assertThat(Messages.preferredWait("wait=soon")).isZero();
        assertThat(Messages.preferredWait("return=minimal")).isZero();
    }
}
