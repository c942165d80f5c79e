package com.chatbotsaas.platform.client;

import feign.FeignException;
import org.jspecify.annotations.Nullable;

/** What a neighbour answered, found in whatever a Feign call threw through its circuit breaker. */
public final class FeignAnswers {

    private FeignAnswers() {}

    /** The neighbour's HTTP answer, or {@code null} when there was none (refused, timed out, breaker open). */
    public static @Nullable FeignException answerOf(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof FeignException feign && feign.status() > 0) {
                return feign;
            }
        }
        return null;
    }
}
