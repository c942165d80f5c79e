package com.chatbotsaas.platform.core.work;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A loop on a thread of its own that handles work kept outside it (rows due in the database, entries of a Redis
 * stream): woken when work arrives, polling otherwise. The state lives outside the worker, so it can stop at any
 * moment and another instance (or this one, restarted) carries on. A failed pass is logged and retried at the next
 * poll; a subclass that backs off after failures says how long to wait in {@link #idleWait()}.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

    private final String name;
    private final Duration pollInterval;
    private final int phase;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private volatile boolean running;
    private boolean pending;
    private @Nullable Thread thread;

    /** A worker that stops after the web server, so that work created by the last requests is still handled. */
    protected PollingWorker(String name, Duration pollInterval) {
        this(name, pollInterval, SmartLifecycle.DEFAULT_PHASE - 2048);
    }

    protected PollingWorker(String name, Duration pollInterval, int phase) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.phase = phase;
    }

    /** Handles what is due now; returns how many items it handled. */
    protected abstract int runOnce();

    /** Whether to run again at once after a pass that handled this many items, rather than wait to be woken. */
    protected boolean moreMayBeDue(int handled) {
        return handled > 0;
    }

    /** How long to wait for {@link #wakeUp()} before the next pass: the poll interval unless overridden. */
    protected Duration idleWait() {
        return pollInterval;
    }

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
        return phase;
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
            if (!moreMayBeDue(handled)) {
                awaitSignal();
            }
        }
    }

    private void awaitSignal() {
        lock.lock();
        try {
            if (!pending && running) {
                signal.await(idleWait().toMillis(), TimeUnit.MILLISECONDS);
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
