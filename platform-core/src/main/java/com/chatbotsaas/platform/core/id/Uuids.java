package com.chatbotsaas.platform.core.id;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): they index like sequences and sort by creation. Monotonic within this JVM
 * (RFC 9562 §6.2, method 2): ids of the same millisecond continue from the previous one by a random step, so they
 * still sort in the order they were made and the next id cannot be guessed from the last.
 */
public final class Uuids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
    private static final long MAX_STEP = 1L << 32;

    private static long lastMillis = -1;
    // The 74 bits after the timestamp: 12 in rand_a, 62 in rand_b, counted on as one number within a millisecond.
    private static long randA;
    private static long randB;

    private Uuids() {}

    public static UUID v7() {
        return next(System.currentTimeMillis());
    }

    static synchronized UUID next(long now) {
        if (now > lastMillis) {
            lastMillis = now;
            // The top bit of rand_a starts at 0: room to count on for the rest of the millisecond.
            randA = RANDOM.nextInt(1 << 11);
            randB = RANDOM.nextLong() & RAND_B_MASK;
        } else {
            // The same millisecond, or the clock went back: count on from the last id, never below it.
            randB += RANDOM.nextLong(1, MAX_STEP);
            if (randB > RAND_B_MASK) {
                randB &= RAND_B_MASK;
                randA++;
                if (randA > 0xFFF) {
                    lastMillis++;
                    randA = RANDOM.nextInt(1 << 11);
                }
            }
        }
        long msb = (lastMillis << 16) | (0x7L << 12) | randA;
        long lsb = randB | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
