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
    private final List<String> notUndone;

    /**
     * @param undoFailures undo actions that themselves failed
     * @param notUndone steps that ran and have no undo (an apply whose appup gives none): they stay done
     */
    public InstallFailedException(String to, int step, int steps, Step failed, Throwable cause, List<String> undoFailures,
                                  List<String> notUndone) {
        super("install " + to + " failed at step " + step + "/" + steps + " (" + failed.describe() + "): "
                + reason(cause) + (undoFailures.isEmpty() ? "; rolled back"
                : "; rolled back with problems: " + String.join("; ", undoFailures))
                + (notUndone.isEmpty() ? "" : "; not undone, as its appup gives no undo (its effects are the application's): "
                + String.join("; ", notUndone)), cause);
        this.step = step;
        this.steps = steps;
        this.failed = failed;
        this.undoFailures = List.copyOf(undoFailures);
        this.notUndone = List.copyOf(notUndone);
    }

    public InstallFailedException(String to, int step, int steps, Step failed, Throwable cause, List<String> undoFailures) {
        this(to, step, steps, failed, cause, undoFailures, List.of());
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

    /** Steps that ran before the failure and stay done: applies whose appup gives no undo. */
    public List<String> notUndone() {
        return notUndone;
    }

    static String reason(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
