package com.chatbotsaas.platform.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Feeds a response body to a JDK {@link BodySubscriber} as it asks for it, reading on a virtual thread of its own, as
 * the JDK client does on its selector thread: a streaming subscriber ({@code ofInputStream}) gets its stream at once
 * and each chunk when its reader wants it; a collecting one ({@code ofString}) gets everything.
 *
 * <p>Reading to the end hands the connection back to the pool; a cancelled subscription (the reader closed its stream
 * early) or a failed read closes the connection instead of draining what is left of the body, which may be endless.
 */
final class BodyPump implements Flow.Subscription {

    private static final int CHUNK = 16 * 1024;

    private final InputStream body;
    private final Runnable abort;
    private final BodySubscriber<?> subscriber;
    private long demand;
    private boolean cancelled;

    private BodyPump(InputStream body, Runnable abort, BodySubscriber<?> subscriber) {
        this.body = body;
        this.abort = abort;
        this.subscriber = subscriber;
    }

    /**
     * Subscribes the subscriber to the body and starts reading.
     *
     * @param abort closes the connection without reading further
     */
    static void start(InputStream body, Runnable abort, BodySubscriber<?> subscriber) {
        BodyPump pump = new BodyPump(body, abort, subscriber);
        subscriber.onSubscribe(pump);
        Thread.ofVirtual().name("outbound-body").start(pump::run);
    }

    @Override
    public void request(long n) {
        synchronized (this) {
            if (n <= 0) {
                cancelled = true;
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            notifyAll();
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            cancelled = true;
            notifyAll();
        }
        abort.run();
    }

    private void run() {
        byte[] buffer = new byte[CHUNK];
        try {
            while (true) {
                synchronized (this) {
                    while (demand == 0 && !cancelled) {
                        wait();
                    }
                    if (cancelled) {
                        abort.run();
                        return;
                    }
                    demand--;
                }
                int read = body.read(buffer);
                if (read < 0) {
                    body.close(); // at the end: releases the connection for reuse
                    subscriber.onComplete();
                    return;
                }
                subscriber.onNext(List.of(ByteBuffer.wrap(Arrays.copyOf(buffer, read))));
            }
        } catch (IOException | RuntimeException e) {
            abort.run();
            if (!isCancelled()) {
                subscriber.onError(e);
            }
        } catch (InterruptedException e) {
            abort.run();
            subscriber.onError(e);
        }
    }

    private synchronized boolean isCancelled() {
        return cancelled;
    }
}
