package dev.hotrel.handler.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an install did.
 *
 * @param from the release left
 * @param to the release installed
 * @param moved servers that changed code, as {@code app/server}
 * @param pauses how long each suspended server was paused, in microseconds
 * @param warnings failures after the commit (the release is installed regardless)
 * @param took the whole run
 */
public record InstallReport(String from, String to, List<String> moved, Map<String, Long> pauses,
                            List<String> warnings, Duration took) {

    public InstallReport {
        moved = List.copyOf(moved);
        pauses = Map.copyOf(pauses);
        warnings = List.copyOf(warnings);
    }

    /** The longest pause any server saw, in microseconds (0 if none was suspended). */
    public long longestPauseMicros() {
        return pauses.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
