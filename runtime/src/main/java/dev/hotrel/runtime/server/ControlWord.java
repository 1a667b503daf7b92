package dev.hotrel.runtime.server;

import java.util.concurrent.TimeUnit;

/**
 * A server's control word: four bits in one atomic int, and the waiting for ownership.
 * <ul>
 *   <li>{@link #OWNED}: a thread is handling the server's messages (or changing its code);</li>
 *   <li>{@link #SUSPENDED}: no new message starts;</li>
 *   <li>{@link #DOWN}: no incarnation (starting, crashed, terminated);</li>
 *   <li>{@link #STOPPED}: gone for good.</li>
 * </ul>
 * Taking and releasing ownership are volatile CAS operations, so whatever one owner did
 * happens-before what the next owner does. A server is idle when the word is 0: only then may a
 * caller take it for an inline call or a drain be scheduled.
 */
// A server's superclass rather than a field of it: one object less per server (a node may hold
// 100,000). Its methods are package-private, so nothing outside this package sees them.
abstract class ControlWord {

    static final int OWNED = 1;
    static final int SUSPENDED = 2;
    static final int DOWN = 4;
    static final int STOPPED = 8;

    // One int and this object as the monitor: a node may hold 100,000 servers, so no extra objects each.
    private static final java.lang.invoke.VarHandle BITS;

    static {
        try {
            BITS = java.lang.invoke.MethodHandles.lookup().findVarHandle(ControlWord.class, "bits", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int bits;
    private volatile int waiters;

    ControlWord(int initial) {
        bits = initial;
    }

    int word() {
        return bits;
    }

    boolean has(int bit) {
        return (bits & bit) != 0;
    }

    /** Takes ownership of an idle server (word 0), the fast path of calls and drains. */
    boolean ownIfIdle() {
        return BITS.compareAndSet(this, 0, OWNED);
    }

    void set(int bit) {
        update(bit, true);
    }

    void clear(int bit) {
        update(bit, false);
    }

    /**
     * Takes ownership once the current owner releases, whatever the other bits; callers set
     * SUSPENDED or DOWN first, so that no new message slips in meanwhile.
     *
     * @return false at the deadline or on interrupt (interrupt status kept)
     */
    boolean acquire(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (;;) {
            int c = bits;
            if ((c & OWNED) == 0) {
                if (BITS.compareAndSet(this, c, c | OWNED)) {
                    return true;
                }
                continue;
            }
            if (!awaitRelease(deadline)) {
                return false;
            }
        }
    }

    /** Waits until nobody owns the server, without taking it. */
    boolean awaitUnowned(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (has(OWNED)) {
            if (!awaitRelease(deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Gives up ownership and wakes whoever waits for it. */
    void releaseOwnership() {
        update(OWNED, false);
        if (waiters > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private boolean awaitRelease(long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        synchronized (this) {
            waiters++;
            try {
                if (has(OWNED)) {
                    // Bounded, in case a release raced past the waiter count: never a lost wake-up for long.
                    wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), 50)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                waiters--;
            }
        }
        return true;
    }

    private void update(int bit, boolean on) {
        for (;;) {
            int c = bits;
            int n = on ? c | bit : c & ~bit;
            if (c == n || BITS.compareAndSet(this, c, n)) {
                return;
            }
        }
    }
}
