package dev.hotrel.bench.install;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each install ran, and the longest client call that overlapped it ("during") or that fell
 * between it and the next one ("between"). Clients report every call as its {@code System.nanoTime}
 * interval; a call whose interval overlaps an install's is counted for that install (for each one
 * it overlaps), any other call for the gap after the last install that ended before it began.
 *
 * <p>An install is published before {@code installRelease} is called and its end after it returns,
 * so a call that finishes while an install runs always sees it running. Thread-safe.
 */
final class InstallTimeline {

    private final long[] starts;
    private final AtomicLongArray ends;
    private final AtomicLongArray during;
    private final AtomicLongArray between;
    private volatile int count;

    InstallTimeline(int capacity) {
        starts = new long[capacity];
        ends = new AtomicLongArray(capacity);
        during = new AtomicLongArray(capacity);
        between = new AtomicLongArray(capacity);
    }

    /** Marks the start of the next install (by the one installing thread); returns its index. */
    int begin() {
        int i = count;
        ends.set(i, Long.MAX_VALUE);
        starts[i] = System.nanoTime();
        count = i + 1; // publishes starts[i]
        return i;
    }

    void end(int install) {
        ends.set(install, System.nanoTime());
    }

    /** Records a call that began at {@code a} and ended at {@code b} (nanoTime). */
    void call(long a, long b) {
        long took = b - a;
        boolean overlapped = false;
        int k = count - 1;
        for (; k >= 0; k--) {
            if (ends.get(k) < a) {
                break; // this install, and every earlier one, ended before the call began
            }
            if (starts[k] <= b) {
                overlapped = true;
                max(during, k, took);
            }
        }
        if (!overlapped && k >= 0) {
            max(between, k, took);
        }
    }

    private static void max(AtomicLongArray a, int i, long v) {
        long seen;
        while (v > (seen = a.get(i)) && !a.compareAndSet(i, seen, v)) {
            // another client raised it meanwhile: compare again
        }
    }

    /** The longest call during each of installs {@code from .. count-1} that had calls, in nanoseconds. */
    List<Long> longestDuring(int from) {
        return nonZero(during, from, count);
    }

    /** The longest call in each gap after installs {@code from .. count-1} that had calls, in nanoseconds. */
    List<Long> longestBetween(int from) {
        return nonZero(between, from, count);
    }

    /** The same for the gaps after installs {@code from .. to-1}. */
    List<Long> longestBetween(int from, int to) {
        return nonZero(between, from, Math.min(to, count));
    }

    private List<Long> nonZero(AtomicLongArray a, int from, int to) {
        List<Long> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (a.get(i) > 0) {
                out.add(a.get(i));
            }
        }
        return out;
    }
}
