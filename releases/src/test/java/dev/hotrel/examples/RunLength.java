package dev.hotrel.examples;

import java.time.Duration;

/**
 * How long the harnesses that try to break the node's promises run: a short mode for every build
 * (CI), and a long mode on demand, {@code -Dhotrel.long=true} ({@code .ci/long-harness} runs them
 * all that way); {@code -Dhotrel.kills=N} and {@code -Dhotrel.loadSeconds=N} set a length of their own.
 * {@code -Dhotrel.seed=N} replays a run's random choices; each harness prints its seed.
 */
final class RunLength {

    static final boolean LONG = Boolean.getBoolean("hotrel.long");

    private RunLength() {
    }

    /** {@code -Dhotrel.NAME=N} if given (a medium run on a busy machine), else the mode's value. */
    static int of(String name, int shortMode, int longMode) {
        return Integer.getInteger("hotrel." + name, LONG ? longMode : shortMode);
    }

    /** {@code -Dhotrel.NAME=SECONDS} if given, else the mode's value. */
    static Duration of(String name, Duration shortMode, Duration longMode) {
        Integer seconds = Integer.getInteger("hotrel." + name);
        return seconds != null ? Duration.ofSeconds(seconds) : LONG ? longMode : shortMode;
    }

    /** The seed of this run's random choices: {@code -Dhotrel.seed}, or a new one. */
    static long seed() {
        return Long.getLong("hotrel.seed", System.nanoTime());
    }

    static String mode() {
        return LONG ? "long mode" : "short mode (-Dhotrel.long=true for the long one)";
    }
}
