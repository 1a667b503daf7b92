package dev.hotrel.examples;

import java.time.Duration;

/**
 * How long the harnesses that try to break the node's promises run: a short mode for every build
 * (CI), and a long mode on demand, {@code -Dhotrel.long=true} ({@code .ci/long-harness} runs them
 * all that way). {@code -Dhotrel.seed=N} replays a run's random choices; each harness prints its seed.
 */
final class RunLength {

    static final boolean LONG = Boolean.getBoolean("hotrel.long");

    private RunLength() {
    }

    static int of(int shortMode, int longMode) {
        return LONG ? longMode : shortMode;
    }

    static Duration of(Duration shortMode, Duration longMode) {
        return LONG ? longMode : shortMode;
    }

    /** The seed of this run's random choices: {@code -Dhotrel.seed}, or a new one. */
    static long seed() {
        return Long.getLong("hotrel.seed", System.nanoTime());
    }

    static String mode() {
        return LONG ? "long mode" : "short mode (-Dhotrel.long=true for the long one)";
    }
}
