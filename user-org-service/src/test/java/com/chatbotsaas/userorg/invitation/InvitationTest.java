package com.chatbotsaas.userorg.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatbotsaas.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private final Instant now = Instant.now();

    private Invitation pending() {
        return new Invitation(
                UUID.randomUUID(),
                "ada@example.com",
                "member",
                "0".repeat(64),
                UUID.randomUUID(),
                now.plus(Duration.ofDays(7)));
    }

    @Test
    void aPendingInvitationIsUsableUntilItExpires() {
        Invitation invitation = pending();

        assertThat(invitation.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitation.usable(now)).isTrue();
        assertThat(invitation.usable(now.plus(Duration.ofDays(8)))).isFalse();
    }

    @Test
    void anAcceptedInvitationIsSpentAndCannotBeAcceptedAgainOrRevoked() {
        Invitation invitation = pending();
        invitation.accept(UUID.randomUUID());

        assertThat(invitation.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(invitation.usable(now)).isFalse();
        assertThatThrownBy(() -> invitation.accept(UUID.randomUUID()))
                .isInstanceOf(ApiException.class)
                .hasMessage("An invitation cannot go from accepted to accepted");
        assertThatThrownBy(invitation::revoke).isInstanceOf(ApiException.class);
        assertThat(invitation.response().status()).isEqualTo("accepted");
    }

    @Test
    void aRevokedInvitationCannotBeAccepted() {
        Invitation invitation = pending();
        invitation.revoke();

        assertThat(invitation.usable(now)).isFalse();
        assertThatThrownBy(() -> invitation.accept(UUID.randomUUID())).isInstanceOf(ApiException.class);
        assertThat(invitation.status()).isEqualTo(InvitationStatus.REVOKED);
    }
}
