package dev.hotrel.examples.kv;

import dev.hotrel.api.CallException;
import dev.hotrel.api.Hotrel;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * kv's side of the {@code metrics} application, another application reached by its registered
 * name with JDK values only (its classes are invisible here). Reporting is best effort: a command
 * never fails because metrics are missing.
 */
final class MetricsReporter {

    static final String METRICS = "metrics";

    private MetricsReporter() {
    }

    /** Counts one command, {@code kv.SET} say, without waiting. */
    static void count(String verb) {
        try {
            Hotrel.cast(METRICS, "kv." + verb);
        } catch (CallException e) {
            // No metrics running: the command itself has been served.
        }
    }

    /** The counters as one line, {@code kv.GET=12 kv.SET=7}, or an ERR line. */
    static String stats() {
        try {
            Object snapshot = Hotrel.call(METRICS, "snapshot");
            if (!(snapshot instanceof Map<?, ?> counts)) {
                return "ERR metrics answered " + snapshot + " (expected a map of counters)";
            }
            return counts.isEmpty() ? "(empty)" : counts.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        } catch (CallException e) {
            return "ERR metrics unavailable: " + e.getMessage();
        }
    }
}
