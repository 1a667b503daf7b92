package dev.hotrel.handler;

import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.runtime.purge.LeakReport;

/**
 * Told of every lifecycle transition of the release handler, for notifications and logs. Called on
 * the node's event thread, in order with the node's own events, never on the operation's thread
 * (so never inside an upgrade's pause); an operation returns only once its events were delivered.
 * A listener that throws is logged and ignored.
 */
public interface HandlerListener {

    default void unpacked(String release) {
    }

    default void installStarted(String from, String to) {
    }

    default void installStep(String to, int index, int count, String step) {
    }

    /**
     * As {@link #installStep(String, int, int, String)}, with when the step started: the steps of a
     * pause are told together once the servers run again, so the time of telling is not theirs.
     * Called instead of the other; by default calls it.
     */
    default void installStep(String to, int index, int count, String step, java.time.Instant startedAt) {
        installStep(to, index, count, step);
    }

    default void installed(InstallReport report) {
    }

    /** An install failed before its commit and was rolled back in place. */
    default void rolledBack(String to, String message) {
    }

    /** An installed release asked for a node restart: it is marked to boot next, and the node restarts (or waits to be). */
    default void restartRequested(PendingRestart restart) {
    }

    /** A health gate's trial began or was decided (passed, failed and rolled back, or ended by an operator). */
    default void healthGate(GateStatus status) {
    }

    default void madePermanent(String release) {
    }

    default void removed(String release) {
    }

    /** A purge after an install was refused: old code stays loaded. */
    default void purgeRefused(String message) {
    }

    default void leakedLoader(LeakReport report) {
    }
}
