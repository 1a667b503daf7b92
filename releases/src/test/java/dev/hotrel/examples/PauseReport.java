package dev.hotrel.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * The pauses of each install as the node measured them (longest time a server was suspended) and as
 * the clients felt them (longest wait for a reply while it ran), printed at the end of a test.
 */
final class PauseReport {

    private final List<String> lines = new ArrayList<>();

    /** @param nodeLongestPauseMicros as installRelease reports it; negative when it reported none (a failed install) */
    void add(String install, long nodeLongestPauseMicros, long tookMillis, long clientLongestReplyMicros) {
        String line = String.format("%-52s node: longest pause %8s, install took %4d ms; clients: longest reply %6d µs",
                install, nodeLongestPauseMicros < 0 ? "-" : nodeLongestPauseMicros + " µs", tookMillis,
                clientLongestReplyMicros);
        lines.add(line);
        System.out.println("pause report: " + line);
    }

    void print() {
        System.out.println("Pauses during each install:");
        lines.forEach(l -> System.out.println("  " + l));
    }
}
