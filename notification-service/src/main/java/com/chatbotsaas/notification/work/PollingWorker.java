package com.chatbotsaas.notification.work;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A loop that handles rows due in the database: woken after a commit that created work, polling otherwise. The state
 * lives in the rows, so a worker can stop at any moment and another instance (or this one, restarted) carries on.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

    private final String name;
    private final Duration pollInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private volatile boolean running;
    private boolean pending;
    private @Nullable Thread thread;

    protected PollingWorker(String name, Duration pollInterval) {
        this.name = name;
        this.pollInterval = pollInterval;
    }

    /** Handles what is due now; returns how many items it handled (0 lets the loop wait). */
    protected abstract int runOnce();

    public void wakeUp() {
        lock.lock();
        try {
            pending = true;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeUp();
        Thread current = thread;
        if (current != null) {
            try {
                current.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops after the web server, so that work created by the last requests is still picked up before shutdown.
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void loop() {
        while (running) {
            int handled;
            try {
                handled = runOnce();
            } catch (RuntimeException e) {
                log.warn("{} pass failed; will retry", name, e);
                handled = 0;
            }
            if (handled == 0) {
                awaitSignal();
            }
        }
    }

    private void awaitSignal() {
        lock.lock();
        try {
            if (!pending && running) {
                signal.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
            pending = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
