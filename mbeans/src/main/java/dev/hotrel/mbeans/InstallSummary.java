package dev.hotrel.mbeans;

import dev.hotrel.handler.exec.InstallReport;

import java.beans.ConstructorProperties;

/** What an install (or rollback) did. */
public final class InstallSummary {

    private final String from;
    private final String to;
    private final String[] moved;
    private final long longestPauseMicros;
    private final long tookMillis;
    private final String[] warnings;

    @ConstructorProperties({"from", "to", "moved", "longestPauseMicros", "tookMillis", "warnings"})
    public InstallSummary(String from, String to, String[] moved, long longestPauseMicros, long tookMillis, String[] warnings) {
        this.from = from;
        this.to = to;
        this.moved = moved.clone();
        this.longestPauseMicros = longestPauseMicros;
        this.tookMillis = tookMillis;
        this.warnings = warnings.clone();
    }

    static InstallSummary of(InstallReport r) {
        return new InstallSummary(r.from(), r.to(), r.moved().toArray(String[]::new), r.longestPauseMicros(),
                r.took().toMillis(), r.warnings().toArray(String[]::new));
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
}
