package dev.hotrel.mbeans;

import dev.hotrel.handler.GateStatus;

import java.beans.ConstructorProperties;

/**
 * The last health gate as management shows it ({@code HealthGate} of the release handler): an empty
 * string for what is not known yet, times as ISO-8601 instants.
 */
public final class HealthGateInfo {

    private final String release;
    private final String from;
    private final String state;
    private final int passes;
    private final int passesNeeded;
    private final int probes;
    private final String startedAt;
    private final String deadline;
    private final String decidedAt;
    private final String reason;
    private final String lastProbe;
    private final boolean makePermanent;
    private final String summary;

    @ConstructorProperties({"release", "from", "state", "passes", "passesNeeded", "probes", "startedAt", "deadline",
            "decidedAt", "reason", "lastProbe", "makePermanent", "summary"})
    public HealthGateInfo(String release, String from, String state, int passes, int passesNeeded, int probes, String startedAt,
                          String deadline, String decidedAt, String reason, String lastProbe, boolean makePermanent, String summary) {
        this.release = release;
        this.from = from;
        this.state = state;
        this.passes = passes;
        this.passesNeeded = passesNeeded;
        this.probes = probes;
        this.startedAt = startedAt;
        this.deadline = deadline;
        this.decidedAt = decidedAt;
        this.reason = reason;
        this.lastProbe = lastProbe;
        this.makePermanent = makePermanent;
        this.summary = summary;
    }

    static HealthGateInfo of(GateStatus s) {
        return new HealthGateInfo(text(s.release()), text(s.from()), s.state().label(), s.passes(), s.passesNeeded(), s.probes(),
                text(s.startedAt()), text(s.deadline()), text(s.decidedAt()), text(s.reason()), text(s.lastProbe()),
                s.makePermanent(), s.describe());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The release on trial or last tried, {@code demo-1.1.0}. */
    public String getRelease() {
        return release;
    }

    /** The release it was installed from, which a failed gate goes back to. */
    public String getFrom() {
        return from;
    }

    /** none, trial, healthy, rolledBack, rollbackFailed, accepted (made permanent by an operator) or abandoned (rolled back by one). */
    public String getState() {
        return state;
    }

    public int getPasses() {
        return passes;
    }

    public int getPassesNeeded() {
        return passesNeeded;
    }

    public int getProbes() {
        return probes;
    }

    public String getStartedAt() {
        return startedAt;
    }

    /** When the time allowed runs out. */
    public String getDeadline() {
        return deadline;
    }

    public String getDecidedAt() {
        return decidedAt;
    }

    /** Why the gate decided as it did. */
    public String getReason() {
        return reason;
    }

    public String getLastProbe() {
        return lastProbe;
    }

    /** Whether the release is made permanent once the gate passes. */
    public boolean isMakePermanent() {
        return makePermanent;
    }

    /** All of it in one line. */
    public String getSummary() {
        return summary;
    }
}
