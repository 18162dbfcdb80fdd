package io.odoopulse.odoo;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many calls a tenant may have open against its Odoo right now: never more than its
 * {@code pull.max-concurrent-calls}, starting at one and grown by one after as many calls in a row as the limit
 * answered well; halved at once by a call Odoo refused as overloaded (429, 502, 503, 504, a timeout, a dropped
 * connection) or answered slowly. The same shape as TCP's congestion window: probe gently, retreat fast, so a busy
 * Odoo is given room before its own limits refuse us.
 */
public final class CallLimit {

    /** A call answered later than this counts against the limit: Odoo serves a page of 200 rows in about 0.1 s. */
    public static final Duration SLOW = Duration.ofSeconds(2);

    private final int max;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private int limit = 1;
    private int open;
    private int goodInARow;
    private long overloads;

    public CallLimit(int max) {
        this.max = Math.max(1, max);
    }

    /** Waits until one more call may be opened. */
    public void acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (open >= limit) {
                freed.await();
            }
            open++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes a call and lets its answer move the limit.
     *
     * @param took how long the call took
     * @param overloaded whether Odoo refused or dropped it as overloaded
     */
    public void release(Duration took, boolean overloaded) {
        lock.lock();
        try {
            open--;
            if (overloaded) {
                overloads++;
            }
            if (overloaded || took.compareTo(SLOW) > 0) {
                limit = Math.max(1, limit / 2);
                goodInARow = 0;
            } else if (limit < max && ++goodInARow >= limit) {
                limit++;
                goodInARow = 0;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The calls that may be open now. */
    public int limit() {
        return locked(() -> limit);
    }

    /** Calls Odoo refused or dropped as overloaded so far: a reader compares it before and after its own call. */
    public long overloads() {
        return locked(() -> overloads);
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
