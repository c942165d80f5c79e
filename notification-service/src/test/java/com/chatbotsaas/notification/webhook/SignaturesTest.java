package com.chatbotsaas.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceExample() {
        // The specification's published example.
        String signature = Signatures.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L,
                "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aFreshSecretSignsWhatAnIndependentVerifierAccepts() {
        String secret = Signatures.newSecret();
        long now = Instant.now().getEpochSecond();
        String signature = Signatures.sign(secret, "evt-1", now, "{\"a\":1}");

        assertThat(secret).startsWith("whsec_");
        assertThat(StandardWebhooksVerifier.verify(secret, "evt-1", Long.toString(now), signature, "{\"a\":1}"))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(secret, "evt-1", Long.toString(now), signature, "{\"a\":2}"))
                .isFalse();
        assertThat(StandardWebhooksVerifier.verify(
                        Signatures.newSecret(), "evt-1", Long.toString(now), signature, "{\"a\":1}"))
                .isFalse();
    }

    @Test
    void matchesSubscriptionsExactlyByPrefixWildcardOrAll() {
        assertThat(EventTypes.matches(java.util.List.of("chatbot.*"), "chatbot.create"))
                .isTrue();
        assertThat(EventTypes.matches(java.util.List.of("conversation.*"), "conversation.message.send"))
                .isTrue();
        assertThat(EventTypes.matches(java.util.List.of("chatbot.*"), "chatbotx.create"))
                .isFalse();
        assertThat(EventTypes.matches(java.util.List.of("member.add"), "member.remove"))
                .isFalse();
        assertThat(EventTypes.matches(java.util.List.of("*"), "org.update")).isTrue();
    }
}
