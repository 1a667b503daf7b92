package dev.hotrel.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * The pauses of each install as the node measured them (longest time a server was suspended) and as
 * the clients felt them (longest wait for a reply while it ran), printed at the end of the test.
 */
final class PauseReport {

    private final int clients;
    private final List<String> lines = new ArrayList<>();

    PauseReport(int clients) {
        this.clients = clients;
    }

    void add(String install, long nodeLongestPauseMicros, long tookMillis, long clientLongestReplyMicros) {
        String line = String.format("%-42s node: longest pause %6d µs, install took %4d ms; clients: longest reply %6d µs",
                install, nodeLongestPauseMicros, tookMillis, clientLongestReplyMicros);
        lines.add(line);
        System.out.println("pause report: " + line);
    }

    void print() {
        System.out.println("Pauses during each install, with " + clients + " clients sending:");
        lines.forEach(l -> System.out.println("  " + l));
    }
}
