package dev.hotrel.handler.exec;

import dev.hotrel.handler.plan.Step;

import java.util.List;

/**
 * A step before the commit failed; every step before it was undone, in reverse, in this process.
 * The message says which step, why, and whether the undo itself had trouble.
 */
public final class InstallFailedException extends RuntimeException {

    private final int step;
    private final int steps;
    private final transient Step failed;
    private final List<String> undoFailures;

    public InstallFailedException(String to, int step, int steps, Step failed, Throwable cause, List<String> undoFailures) {
        super("install " + to + " failed at step " + step + "/" + steps + " (" + failed.describe() + "): "
                + reason(cause) + (undoFailures.isEmpty() ? "; rolled back"
                : "; rolled back with problems: " + String.join("; ", undoFailures)), cause);
        this.step = step;
        this.steps = steps;
        this.failed = failed;
        this.undoFailures = List.copyOf(undoFailures);
    }

    /** The failed step's number, from 1. */
    public int step() {
        return step;
    }

    public int steps() {
        return steps;
    }

    public Step failed() {
        return failed;
    }

    /** Undo actions that themselves failed; empty when the node is exactly as before. */
    public List<String> undoFailures() {
        return undoFailures;
    }

    static String reason(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
