package dev.hotrel.handler;

/**
 * Where a release's health gate stands after an install in place. The lifecycle, as OTP writes its
 * tables (status / trigger / next):
 *
 * <pre>
 * NONE            an install of a release with a health gate      TRIAL
 * TRIAL           enough healthy replies in a row                 HEALTHY (made permanent if the gate asks)
 * TRIAL           an unhealthy reply, or the time allowed ran out ROLLED_BACK (or ROLLBACK_FAILED)
 * TRIAL           the operator makes the release permanent        ACCEPTED
 * TRIAL           the operator rolls back                         ABANDONED
 * any but TRIAL   the next install of a release with a gate       TRIAL (a new trial)
 * </pre>
 *
 * Only {@code TRIAL} is undecided; every other state is final for its trial. Nothing of a trial is
 * written to disk: a node restarted during one boots its permanent release.
 */
public enum GateState {
    /** No release with a health gate was installed since the node started. */
    NONE,
    /** The node probes the release's health server; another install is refused meanwhile. */
    TRIAL,
    /** The gate passed. */
    HEALTHY,
    /** The gate failed and the node went back, in place, to the release it came from. */
    ROLLED_BACK,
    /** The gate failed and the install back failed too: the node still runs the release on trial. */
    ROLLBACK_FAILED,
    /** The operator made the release permanent during its trial, which ended it as accepted. */
    ACCEPTED,
    /** The operator rolled back during the trial, which ended it. */
    ABANDONED;

    /** Whether the gate has decided (every state but {@link #TRIAL}). */
    public boolean isDecided() {
        return this != TRIAL;
    }

    /** {@code rolledBack}: how management names the state. */
    public String label() {
        String lower = name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : lower.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
