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
 * @param conversions per moving server, how its state moves and whether that was rehearsed
 */
public record CheckReport(String from, String to, boolean downgrade, List<String> plan, List<String> problems,
                          boolean restartNode, List<String> conversions) {

    public CheckReport {
        plan = List.copyOf(plan);
        problems = List.copyOf(problems);
        conversions = List.copyOf(conversions);
    }

    public boolean installable() {
        return problems.isEmpty();
    }
}
