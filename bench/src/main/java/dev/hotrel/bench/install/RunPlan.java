package dev.hotrel.bench.install;

import java.util.List;

/**
 * How much of everything a run does: the full run whose figures go into the table, or the quick
 * smoke run that only shows that every scenario works (its figures are not comparable).
 *
 * @param callWarmupMillis clients run this long before calls are counted
 * @param callMillis how long calls are counted
 * @param lowLevelSamples suspend → code change → resume rounds measured (after as many to warm up)
 * @param coldSamples fresh JVMs, one first install each
 * @param warmupInstalls installs before the measured ones (even: the node is back on 1.0.0 after them)
 * @param measuredPairs measured (install 1.1.0, sleep, install 1.0.0, sleep) pairs
 * @param serverCounts sizes of the one-install window with many servers
 * @param heapServers idle servers for the heap figure
 * @param cycles installs (up and down alternating) in one node
 * @param unpackMegabytes size of the big release's incompressible jar
 * @param unpackSamples unpacks and {@code tar}+{@code sha256sum} runs each
 * @param steadyMillis how long TCP clients run before and after a restart or an install
 */
record RunPlan(boolean quick, long callWarmupMillis, long callMillis, int lowLevelSamples, int coldSamples,
               int warmupInstalls, int measuredPairs, List<Integer> serverCounts, int heapServers, int cycles,
               int unpackMegabytes, int unpackSamples, long steadyMillis) {

    /** Milliseconds slept after each install of the warm sequence, as the OTP side does. */
    static final long PAUSE_BETWEEN_INSTALLS_MILLIS = 50;

    static RunPlan of(boolean quick) {
        return quick
                ? new RunPlan(true, 300, 500, 200, 2, 4, 3, List.of(1_000, 10_000), 10_000, 100, 200, 1, 1_000)
                : new RunPlan(false, 1_000, 2_000, 2_000, 5, 20, 10, List.of(1_000, 10_000, 100_000), 10_000, 2_000, 200, 3,
                1_500);
    }

    String mode() {
        return quick ? "quick" : "full";
    }
}
