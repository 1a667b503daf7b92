package dev.hotrel.mbeans;

import dev.hotrel.handler.PendingRestart;
import dev.hotrel.handler.exec.InstallReport;

import java.beans.ConstructorProperties;
import java.util.Optional;

/** What an install (or rollback) did: a switch in place, or a node restart into the release. */
public final class InstallSummary {

    private final String from;
    private final String to;
    private final String[] moved;
    private final long longestPauseMicros;
    private final long tookMillis;
    private final String[] warnings;
    private final String[] notRunning;
    private final boolean restarting;
    private final String restart;

    @ConstructorProperties({"from", "to", "moved", "longestPauseMicros", "tookMillis", "warnings", "notRunning", "restarting",
            "restart"})
    public InstallSummary(String from, String to, String[] moved, long longestPauseMicros, long tookMillis, String[] warnings,
                          String[] notRunning, boolean restarting, String restart) {
        this.from = from;
        this.to = to;
        this.moved = moved.clone();
        this.longestPauseMicros = longestPauseMicros;
        this.tookMillis = tookMillis;
        this.warnings = warnings.clone();
        this.notRunning = notRunning.clone();
        this.restarting = restarting;
        this.restart = restart;
    }

    /**
     * @param restart the node restart this install asked for, if it did: its message is the
     *        report's note, so it moves from the warnings to {@link #getRestart()}
     */
    static InstallSummary of(InstallReport r, Optional<PendingRestart> restart) {
        Optional<PendingRestart> ours = restart.filter(p -> p.to().equals(r.to()) && r.warnings().contains(p.message()));
        String message = ours.map(PendingRestart::message).orElse("");
        return new InstallSummary(r.from(), r.to(), r.moved().toArray(String[]::new), r.longestPauseMicros(),
                r.took().toMillis(), r.warnings().stream().filter(w -> !w.equals(message)).toArray(String[]::new),
                r.notRunning().toArray(String[]::new), ours.map(PendingRestart::automatic).orElse(false), message);
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    /** The servers that changed code, {@code app/server}. */
    public String[] getMoved() {
        return moved.clone();
    }

    /** The longest time any server was suspended, in microseconds. */
    public long getLongestPauseMicros() {
        return longestPauseMicros;
    }

    public long getTookMillis() {
        return tookMillis;
    }

    /** Failures after the commit (old code kept, a removal that failed); the release is installed regardless. */
    public String[] getWarnings() {
        return warnings.clone();
    }

    /**
     * Applications of the installed release that do not run after it, as {@code app (why)}: the
     * release runs but cannot be made permanent until they do (restart them, or roll back). Empty
     * when the install is complete.
     */
    public String[] getNotRunning() {
        return notRunning.clone();
    }

    /** Whether the node restarts now, into {@link #getTo()}: the release asked for a node restart. */
    public boolean isRestarting() {
        return restarting;
    }

    /**
     * What happens next when the release asked for a node restart instead of a switch in place
     * (empty when it was switched in place): it boots on the next start, once, as a trial.
     */
    public String getRestart() {
        return restart;
    }
}
