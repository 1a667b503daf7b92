package dev.hotrel.handler.exec;

/**
 * How to take back one step that ran before the commit.
 *
 * @param what the undo in words, for errors
 * @param action the undo itself
 */
record Undo(String what, Runnable action) {

    static final Undo NOTHING = new Undo("nothing", () -> { });
}
