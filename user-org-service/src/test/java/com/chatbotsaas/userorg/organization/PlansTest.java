package com.chatbotsaas.userorg.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlansTest {

    private final Plans plans = new Plans(Map.of("free", Map.of("members", 3L, "chatbots", 1L)));

    @Test
    void answersTheLimitAPlanNames() {
        assertThat(plans.limit("free", "members")).isEqualTo(3);
    }

    @Test
    void aLimitThePlanDoesNotNameIsUnlimited() {
        assertThat(plans.limit("free", "pending_invitations")).isEqualTo(-1);
    }

    @Test
    void anUnknownPlanHasNoLimits() {
        assertThat(plans.of("enterprise")).isEmpty();
        assertThat(plans.limit("enterprise", "members")).isEqualTo(-1);
    }

    @Test
    void noConfigurationMeansNoLimits() {
        assertThat(new Plans(null).limit("free", "members")).isEqualTo(-1);
    }
}
