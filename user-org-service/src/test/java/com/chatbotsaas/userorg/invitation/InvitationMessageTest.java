package com.chatbotsaas.userorg.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatbotsaas.platform.events.EventExtensions;
import com.chatbotsaas.platform.events.PlatformEvent;
import com.chatbotsaas.platform.test.contract.MessageContracts;
import com.chatbotsaas.userorg.Actions;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class InvitationMessageTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
    private final Invitations.InvitationMessage message = new Invitations.InvitationMessage(
            UUID.fromString("019a8f2e-7c2d-7000-8000-000000000002"),
            UUID.fromString("019a8f2e-7c2d-7000-8000-000000000001"),
            "Acme",
            "ada@example.com",
            "admin",
            "",
            TOKEN,
            "https://console.example.com/invitations/accept?token=" + TOKEN,
            Instant.parse("2026-02-03T10:00:00Z"));

    @Test
    void honoursTheInvitationContract() {
        JsonMapper mapper = JsonMapper.builder().build();
        PlatformEvent event = PlatformEvent.message(
                Actions.INVITATION_MESSAGE,
                "/user-org-service",
                EventExtensions.actor("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "user")
                        .organization(message.organizationId()),
                message);

        assertThat(MessageContracts.violations("invitation", mapper.writeValueAsString(event.toJson(mapper))))
                .isEmpty();
    }

    @Test
    void itsTextNeverShowsTheToken() {
        assertThat(message.toString()).doesNotContain(TOKEN).contains("token=***");
    }
}
