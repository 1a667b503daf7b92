package dev.hotrel.handler;

import java.util.List;

/**
 * What {@code checkInstallRelease} found: the plan in words and every problem. Installable when
 * there are no problems.
 *
 * @param from the running release, as {@code demo-1.0.0}
 * @param to the release checked
 * @param downgrade whether it is older than the running one
 * @param plan the steps, numbered
 * @param problems what would stop the install; empty if none
 * @param restartNode whether the release asks to be booted instead of switched in place
 */
public record CheckReport(String from, String to, boolean downgrade, List<String> plan, List<String> problems,
                          boolean restartNode) {

    public CheckReport {
        plan = List.copyOf(plan);
        problems = List.copyOf(problems);
    }

    public boolean installable() {
        return problems.isEmpty();
    }
}
