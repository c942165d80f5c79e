package com.chatbotsaas.platform.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(5));

    @Test
    void nothingFailedMeansNoWait() {
        assertThat(backoff.delayAfter(0)).isZero();
    }

    @Test
    void doublesFromTheInitialDelayAfterEachFailure() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void neverWaitsLongerThanTheCapHoweverManyFailures() {
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(64)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterDrawsBetweenHalfAndAllOfTheDelay() {
        Backoff jittered = backoff.withJitter();
        for (int i = 0; i < 200; i++) {
            assertThat(jittered.delayAfter(3)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(jittered.delayAfter(40)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        }
    }

    @Test
    void aCapBelowTheInitialDelayWins() {
        assertThat(Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1))
                        .delayAfter(1))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesADelayThatCouldNeverGrow() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
