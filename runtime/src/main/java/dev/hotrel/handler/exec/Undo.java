package dev.hotrel.handler.exec;

/**
 * How to take back one step that ran before the commit.
 *
 * @param what the undo in words, for errors; for a step without undo, the step itself
 * @param action the undo itself; null for a step the node cannot take back (an {@code apply}
 *        whose appup gives no undo), which a rollback names instead of undoing
 */
record Undo(String what, Runnable action) {

    static final Undo NOTHING = new Undo("nothing", () -> { });

    /** A step that stays done on a rollback: named in the rollback's message. */
    static Undo none(String step) {
        return new Undo(step, null);
    }
}
