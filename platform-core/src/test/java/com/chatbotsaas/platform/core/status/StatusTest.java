package com.chatbotsaas.platform.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusTest {

    enum Door implements Status<Door> {
        OPEN,
        SHUT,
        WALLED_UP;

        @Override
        public Set<Door> next() {
            return switch (this) {
                case OPEN -> Set.of(SHUT);
                case SHUT -> Set.of(OPEN, WALLED_UP);
                case WALLED_UP -> Set.of();
            };
        }
    }

    @Test
    void theValueIsTheLowerCaseNameAndParsesBackExactly() {
        assertThat(Door.WALLED_UP.value()).isEqualTo("walled_up");
        assertThat(Status.parse(Door.class, "walled_up")).contains(Door.WALLED_UP);
        assertThat(Status.parse(Door.class, "WALLED_UP")).isEmpty();
        assertThat(Status.parse(Door.class, "ajar")).isEmpty();
        assertThat(Status.of(Door.class, "shut")).isEqualTo(Door.SHUT);
    }

    @Test
    void anUnknownStoredValueFailsNamingTheTypeAndTheChoices() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Status.of(Door.class, "ajar"))
                .withMessageContaining("Door")
                .withMessageContaining("'ajar'")
                .withMessageContaining("open, shut or walled_up");
    }

    @Test
    void transitionsFollowTheDeclaredGraphAndAFinalStatusGoesNowhere() {
        assertThat(Door.OPEN.canBecome(Door.SHUT)).isTrue();
        assertThat(Door.OPEN.canBecome(Door.WALLED_UP)).isFalse();
        assertThat(Door.OPEN.canBecome(Door.OPEN)).isFalse();
        assertThat(Door.SHUT.canBecome(Door.WALLED_UP)).isTrue();
        assertThat(Door.WALLED_UP.isFinal()).isTrue();
        assertThat(Door.SHUT.isFinal()).isFalse();
    }

    @Test
    void choicesReadAsAnEnglishList() {
        assertThat(Status.choices(Door.class)).isEqualTo("open, shut or walled_up");
    }
}
