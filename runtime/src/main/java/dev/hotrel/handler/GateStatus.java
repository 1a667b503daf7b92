package dev.hotrel.handler;

import java.time.Instant;

/**
 * What management sees of the last health gate: an immutable snapshot.
 *
 * @param release the release on trial ({@code demo-1.1.0}), or null if there never was a trial
 * @param from the release the install came from, the one a failed gate goes back to
 * @param state where the gate stands
 * @param passes healthy replies in a row so far
 * @param passesNeeded healthy replies in a row that pass the gate
 * @param probes probes made so far
 * @param startedAt when the trial began (the install's end)
 * @param deadline when the time allowed runs out
 * @param decidedAt when the gate decided, or null during the trial
 * @param reason why it decided (or, during the trial, null)
 * @param lastProbe the last probe's outcome in words, or null before the first
 * @param makePermanent whether the release is made permanent once the gate passes
 */
public record GateStatus(String release, String from, GateState state, int passes, int passesNeeded, int probes,
                         Instant startedAt, Instant deadline, Instant decidedAt, String reason, String lastProbe,
                         boolean makePermanent) {

    static final GateStatus NONE = new GateStatus(null, null, GateState.NONE, 0, 0, 0, null, null, null, null, null, false);

    /** One line: {@code demo-1.1.0: trial, 2 of 3 passes, 7 s left}. */
    public String describe() {
        if (state == GateState.NONE) {
            return "no health gate run";
        }
        String line = release + " (from " + from + "): " + state.label() + ", " + passes + " of " + passesNeeded
                + " passes in " + probes + " probe(s)";
        if (state == GateState.TRIAL) {
            long left = Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
            return line + ", " + (left + 999) / 1000 + " s left" + (lastProbe == null ? "" : "; last probe: " + lastProbe);
        }
        return line + (reason == null ? "" : ": " + reason);
    }
}
