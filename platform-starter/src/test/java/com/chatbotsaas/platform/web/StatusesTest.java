package com.chatbotsaas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.chatbotsaas.platform.core.status.Status;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusesTest {

    enum Light implements Status<Light> {
        ON,
        OFF,
        BROKEN;

        @Override
        public Set<Light> next() {
            return switch (this) {
                case ON -> Set.of(OFF, BROKEN);
                case OFF -> Set.of(ON, BROKEN);
                case BROKEN -> Set.of();
            };
        }
    }

    @Test
    void aValueTheClientSentParsesOrIsA422OnItsFieldListingTheChoices() {
        assertThat(Statuses.parse(Light.class, "state", "off")).isEqualTo(Light.OFF);

        ApiException refused =
                catchThrowableOfType(ApiException.class, () -> Statuses.parse(Light.class, "state", "dim"));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refused.errors()).containsEntry("state", List.of("must be on, off or broken"));
    }

    @Test
    void aChangeTheLifeCycleAllowsPassesAndAnyOtherIsA409NamingBoth() {
        assertThat(Statuses.transition("light", Light.ON, Light.BROKEN)).isEqualTo(Light.BROKEN);

        ApiException refused =
                catchThrowableOfType(ApiException.class, () -> Statuses.transition("light", Light.BROKEN, Light.ON));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused.getMessage()).isEqualTo("A light cannot go from broken to on");
        assertThat(catchThrowableOfType(ApiException.class, () -> Statuses.transition("item", Light.BROKEN, Light.OFF))
                        .getMessage())
                .startsWith("An item cannot");
    }
}
