package dev.hotrel.runtime.supervisor;

import dev.hotrel.api.SupervisorSpec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A supervisor's restart intensity: at most {@code maxRestarts} within {@code periodMillis}, as
 * OTP's. Reads the limits from the spec in force at each restart, so a code change of the
 * supervisor takes effect at once while the history of recent restarts is kept. Guarded by the
 * supervisor's monitor.
 */
final class RestartIntensity {

    private final Deque<Long> restarts = new ArrayDeque<>();

    /** Records a restart now; false (and nothing recorded) if that would exceed {@code spec}'s intensity. */
    boolean record(SupervisorSpec spec) {
        long now = System.nanoTime();
        long period = TimeUnit.MILLISECONDS.toNanos(spec.periodMillis());
        while (!restarts.isEmpty() && now - restarts.peekFirst() > period) {
            restarts.pollFirst();
        }
        if (restarts.size() >= spec.maxRestarts()) {
            return false;
        }
        restarts.addLast(now);
        return true;
    }

    void clear() {
        restarts.clear();
    }
}
