package dev.hotrel.bench.install;

import dev.hotrel.api.Hotrel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads calling {@code Hotrel.call("counter", "incr")} in a tight loop, each checking that
 * the counts it gets never go back (the one counter only grows, through every upgrade and
 * downgrade) and counting failed calls. With an {@link InstallTimeline}, every call is timed
 * ({@code System.nanoTime} before and after) and reported to it.
 *
 * <p>Throughput is counted without timing calls: {@link #measure} opens a window, during which each
 * client counts its calls in a local variable, and closes it; the clients read the phase from one
 * volatile field (a plain load on x86).
 */
final class CallClients {

    private static final int WARMING = 0;
    private static final int MEASURING = 1;
    private static final int STOPPED = 2;

    private final List<Thread> threads = new ArrayList<>();
    private final InstallTimeline timeline;
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong wentBack = new AtomicLong();
    private volatile int phase = WARMING;

    private CallClients(InstallTimeline timeline) {
        this.timeline = timeline;
    }

    /** Starts {@code n} clients; {@code timeline} may be null (no call is timed then). */
    static CallClients start(int n, InstallTimeline timeline) {
        CallClients c = new CallClients(timeline);
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(c::loop, "bench-client-" + i);
            t.setDaemon(true);
            c.threads.add(t);
        }
        c.threads.forEach(Thread::start);
        return c;
    }

    private void loop() {
        long last = Long.MIN_VALUE;
        long counted = 0;
        long calls = 0;
        InstallTimeline tl = timeline;
        while (true) {
            int p = phase;
            if (p == STOPPED) {
                break;
            }
            long a = tl == null ? 0 : System.nanoTime();
            try {
                long v = ((Number) Hotrel.call("counter", "incr")).longValue();
                if (tl != null) {
                    tl.call(a, System.nanoTime());
                }
                if (v <= last) {
                    if (wentBack.incrementAndGet() <= 3) {
                        Log.say("client " + Thread.currentThread().getName() + ": count went back from " + last + " to " + v);
                    }
                }
                last = v;
                calls++;
                if (p == MEASURING) {
                    counted++;
                }
            } catch (RuntimeException e) {
                if (failures.incrementAndGet() <= 3) {
                    Log.say("client " + Thread.currentThread().getName() + ": call failed: " + e);
                }
            }
        }
        measured.addAndGet(counted);
        total.addAndGet(calls);
    }

    /** Lets the clients run for {@code warmupMillis}, then counts their calls for {@code millis}; returns calls/s. */
    double measure(long warmupMillis, long millis) throws InterruptedException {
        Thread.sleep(warmupMillis);
        long t0 = System.nanoTime();
        phase = MEASURING;
        Thread.sleep(millis);
        phase = STOPPED;
        long t1 = System.nanoTime();
        join();
        return measured.get() / ((t1 - t0) / 1e9);
    }

    private void join() throws InterruptedException {
        for (Thread t : threads) {
            t.join(10_000);
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop (a call hangs?)");
            }
        }
    }

    /** Stops the clients and waits for them. */
    void stop() throws InterruptedException {
        phase = STOPPED;
        join();
    }

    long failures() {
        return failures.get();
    }

    long wentBack() {
        return wentBack.get();
    }

    /** Successful calls in all, after {@link #close}. */
    long calls() {
        return total.get();
    }
}
