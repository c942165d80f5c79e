package com.chatbotsaas.platform.core.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with a cap: the first retry waits {@code initial}, each further one twice as long, never more
 * than {@code max} (a cap below {@code initial} wins). With {@code jitter}, a delay is drawn between half and all of that, so that instances which failed
 * together (a broker outage) do not all retry in the same instant.
 */
public record Backoff(Duration initial, Duration max, boolean jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial back-off must be positive: " + initial);
        }
    }

    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, false);
    }

    public Backoff withJitter() {
        return new Backoff(initial, max, true);
    }

    /** How long to wait after this many failures in a row (1 for the first); zero when nothing failed. */
    public Duration delayAfter(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long initialMillis = initial.toMillis();
        long maxMillis = max.toMillis();
        int doublings = Math.min(failures - 1, 62);
        long millis = initialMillis > (maxMillis >> doublings) ? maxMillis : initialMillis << doublings;
        if (jitter && millis > 1) {
            millis = ThreadLocalRandom.current().nextLong(millis / 2, millis + 1);
        }
        return Duration.ofMillis(millis);
    }
}
