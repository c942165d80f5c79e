package com.chatbotsaas.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import com.chatbotsaas.chatbot.config.ChatbotProperties;
import com.chatbotsaas.chatbot.organization.OrganizationPlans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private final MessageStore store = mock(MessageStore.class);
    private final ReplyQueue queue = mock(ReplyQueue.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Messages messages = new Messages(
            store,
            mock(Quotas.class),
            queue,
            mock(ReplyStreams.class),
            mock(OrganizationPlans.class),
            new ChatbotProperties(
                    "key",
                    new ChatbotProperties.Replies(
                            "replies", 1, 3, Duration.ofMillis(500), 5, Duration.ofMinutes(2), "stream"),
                    null,
                    null,
                    Map.of(),
                    1000),
            meters);

    @Test
    void readsTheWaitPreferenceAndBoundsIt() {
        assertThat(messages.preferredWait(null)).isZero();
        assertThat(messages.preferredWait("wait=5")).isEqualTo(5);
        assertThat(messages.preferredWait("respond-async, wait=12")).isEqualTo(12);
        assertThat(messages.preferredWait("wait=600")).isEqualTo(30);
        assertThat(messages.preferredWait("return=minimal")).isZero();
        assertThat(counted("chatbot.preferences.ignored", "invalid_wait")).isZero();
    }

    @Test
    void readsTheWaitPreferenceInEveryFormRfc7240Allows() {
        assertThat(messages.preferredWait("Wait=7")).isEqualTo(7);
        assertThat(messages.preferredWait("wait = 8")).isEqualTo(8);
        assertThat(messages.preferredWait("wait=\"9\"")).isEqualTo(9);
        assertThat(messages.preferredWait("return=minimal; foo=bar, WAIT=10; x=1"))
                .isEqualTo(10);
        assertThat(messages.preferredWait("waiting=5")).isZero();
        assertThat(counted("chatbot.preferences.ignored", "invalid_wait")).isZero();
    }

    @Test
    void aWaitWithoutAValueIsIgnoredButCounted() {
        assertThat(messages.preferredWait("wait")).isZero();
        assertThat(messages.preferredWait("wait=")).isZero();

        assertThat(counted("chatbot.preferences.ignored", "invalid_wait")).isEqualTo(2);
    }

    @Test
    void aWaitThatIsNotANumberOfSecondsIsIgnoredButCounted() {
        assertThat(messages.preferredWait("wait=soon")).isZero();
        assertThat(messages.preferredWait("wait=-3")).isZero();

        assertThat(counted("chatbot.preferences.ignored", "invalid_wait")).isEqualTo(2);
    }

    @Test
    void anUnconfirmedPublishWhoseRedeliveryCannotBeBroughtForwardIsCounted() {
        doThrow(new IllegalStateException("No confirm for reply work"))
                .when(queue)
                .publish(any(), anyInt());
        doThrow(new IllegalStateException("database down")).when(store).redeliverSoon(any(), any(), any());

        messages.enqueue(message(), 1);

        assertThat(counted("chatbot.replies.publish.failed", "not_rescheduled")).isEqualTo(1);
        assertThat(counted("chatbot.replies.publish.failed", "not_confirmed")).isZero();
    }

    @Test
    void anUnconfirmedPublishIsBroughtForwardForTheSweepAndCounted() {
        doThrow(new IllegalStateException("No confirm for reply work"))
                .when(queue)
                .publish(any(), anyInt());

        messages.enqueue(message(), 1);

        assertThat(counted("chatbot.replies.publish.failed", "not_confirmed")).isEqualTo(1);
    }

    private static MessageView message() {
        return new MessageView(
                UUID.randomUUID(), UUID.randomUUID(), "user", "hello", "queued", null, null, false, Instant.now());
    }

    private double counted(String name, String reason) {
        Counter counter = meters.find(name).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
