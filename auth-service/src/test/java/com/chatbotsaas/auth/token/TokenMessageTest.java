package com.chatbotsaas.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.platform.events.EventExtensions;
import com.chatbotsaas.platform.events.PlatformEvent;
import com.chatbotsaas.platform.test.contract.MessageContracts;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TokenMessageTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final TokenMessage message = TokenMessage.of(
            "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
            "ada@example.com",
            "Ada",
            new OneTimeTokens.Issued(TOKEN, Instant.parse("2026-01-27T11:31:00.123456Z")));

    @Test
    void verificationAndResetMessagesHonourTheirContracts() {
        assertThat(MessageContracts.violations("email-verification", json(Actions.EMAIL_VERIFICATION_REQUESTED)))
                .isEmpty();
        assertThat(MessageContracts.violations("password-reset", json(Actions.PASSWORD_RESET_REQUESTED)))
                .isEmpty();
        assertThat(mapper.readTree(json(Actions.PASSWORD_RESET_REQUESTED))
                        .path("data")
                        .path("expires_at")
                        .asString())
                .isEqualTo("2026-01-27T11:31:00.123456Z");
    }

    @Test
    void itsTextNeverShowsTheToken() {
        assertThat(message.toString()).doesNotContain(TOKEN).contains("token=***");
    }

    private String json(String name) {
        PlatformEvent event = PlatformEvent.message(
                name, "/auth-service", EventExtensions.none().requestId("req-1"), message);
        return mapper.writeValueAsString(event.toJson(mapper));
    }
}
