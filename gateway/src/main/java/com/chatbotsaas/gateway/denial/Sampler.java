package com.chatbotsaas.gateway.denial;

/** An in-memory token bucket: how many denials may become events. Cheap enough for every refused request. */
final class Sampler {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    Sampler(double perSecond, int burst) {
        this.perNano = perSecond / 1_000_000_000d;
        this.capacity = Math.max(1, burst);
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
