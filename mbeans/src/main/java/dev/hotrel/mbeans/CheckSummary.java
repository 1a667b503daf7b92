package dev.hotrel.mbeans;

import java.beans.ConstructorProperties;

/** What checkInstallRelease found: the plan in words, how each moving server's state moves, and the problems. */
public final class CheckSummary {

    private final String from;
    private final String to;
    private final boolean downgrade;
    private final boolean restartNode;
    private final String[] plan;
    private final String[] problems;
    private final String[] conversions;

    @ConstructorProperties({"from", "to", "downgrade", "restartNode", "plan", "problems", "conversions"})
    public CheckSummary(String from, String to, boolean downgrade, boolean restartNode, String[] plan, String[] problems,
                        String[] conversions) {
        this.from = from;
        this.to = to;
        this.downgrade = downgrade;
        this.restartNode = restartNode;
        this.plan = plan.clone();
        this.problems = problems.clone();
        this.conversions = conversions.clone();
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public boolean isDowngrade() {
        return downgrade;
    }

    public boolean isRestartNode() {
        return restartNode;
    }

    /** Whether installRelease would run (no problems). */
    public boolean isInstallable() {
        return problems.length == 0;
    }

    public String[] getPlan() {
        return plan.clone();
    }

    public String[] getProblems() {
        return problems.clone();
    }

    /** Per moving server, how its state moves to the new version and whether that was rehearsed. */
    public String[] getConversions() {
        return conversions.clone();
    }
}
