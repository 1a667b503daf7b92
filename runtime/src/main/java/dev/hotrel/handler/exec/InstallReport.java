package dev.hotrel.handler.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an install did.
 *
 * @param from the release left
 * @param to the release installed
 * @param moved servers that changed code, as {@code app/server}
 * @param pauses how long each suspended server was paused, in microseconds: from the moment it
 *        stopped taking new messages (the one in hand finishing meanwhile) to the moment it took
 *        them again
 * @param warnings failures after the commit (the release is installed regardless)
 * @param took the whole run
 * @param notRunning applications of {@code to} that do not run after the install (a restart after
 *        the commit failed, say), each as {@code app (why)}: {@code to} runs, but cannot be made
 *        permanent until they do; empty when the install is complete
 */
public record InstallReport(String from, String to, List<String> moved, Map<String, Long> pauses,
                            List<String> warnings, Duration took, List<String> notRunning) {

    public InstallReport {
        moved = List.copyOf(moved);
        pauses = Map.copyOf(pauses);
        warnings = List.copyOf(warnings);
        notRunning = List.copyOf(notRunning);
    }

    /** A report whose applications all run (as far as its maker knows). */
    public InstallReport(String from, String to, List<String> moved, Map<String, Long> pauses, List<String> warnings,
                         Duration took) {
        this(from, to, moved, pauses, warnings, took, List.of());
    }

    /** The longest pause any server saw, in microseconds (0 if none was suspended). */
    public long longestPauseMicros() {
        return pauses.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** This report with one more warning. */
    public InstallReport withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new InstallReport(from, to, moved, pauses, more, took, notRunning);
    }

    /** This report, naming the applications that do not run, with a warning that says what to do. */
    public InstallReport withNotRunning(List<String> apps, String warning) {
        return new InstallReport(from, to, moved, pauses, warnings, took, apps).withWarning(warning);
    }
}
