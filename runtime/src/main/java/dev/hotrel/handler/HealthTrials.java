package dev.hotrel.handler;

import dev.hotrel.release.HealthGate;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Version;
import dev.hotrel.runtime.Node;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The release handler's side of health gates: starts a {@link HealthTrial} after an install of a
 * release that declares a gate, and acts on its verdict under the lifecycle, as any operator's
 * operation would: the automatic rollback is the install back to the release the trial came from
 * (the same in-place downgrade as any other, audited as {@code rollback}), and a gate that asks for
 * it makes the release permanent once passed.
 *
 * <p>Lifecycle operations by an operator during a trial (each under the lifecycle, so never while
 * the verdict is being acted on):
 * <ul>
 *   <li>{@code makePermanent} of the release on trial ends the trial as {@link GateState#ACCEPTED};</li>
 *   <li>{@code rollback} ends it as {@link GateState#ABANDONED} and goes back to the permanent release;</li>
 *   <li>{@code installRelease} is refused ({@link Reason#ON_TRIAL}) until the gate has decided;</li>
 *   <li>everything else (check, unpack, remove of another release, application and server operations)
 *       runs as usual.</li>
 * </ul>
 * A verdict that finds the lifecycle busy waits for it (retrying every 50 ms), so a check that
 * runs when the gate fails delays the rollback, never loses it.
 *
 * <p>Nothing of a trial is persisted: the release on trial is {@code current}, which is never
 * written, so a node restarted during a trial boots its permanent release.
 */
final class HealthTrials {

    private static final System.Logger LOG = System.getLogger("dev.hotrel.handler");
    /** How long a verdict waits for a busy lifecycle before giving up (a node closing for a restart stays busy). */
    private static final long GIVE_UP_NANOS = TimeUnit.MINUTES.toNanos(5);

    /** What a verdict does to the node; each is called inside a lifecycle operation's body. */
    interface Moves {
        /** Installs {@code version} in place (the automatic rollback). */
        void installBack(Version version) throws IOException;

        /** Makes the running release {@code version} permanent. */
        void makePermanent(Version version) throws IOException;
    }

    private final Node node;
    private final Lifecycle lifecycle;
    private final Moves moves;
    private final Consumer<GateStatus> tell;
    private volatile HealthTrial trial;

    HealthTrials(Node node, Lifecycle lifecycle, Moves moves, Consumer<GateStatus> tell) {
        this.node = node;
        this.lifecycle = lifecycle;
        this.moves = moves;
        this.tell = tell;
    }

    /** The last trial's state ({@link GateStatus#NONE} if none ran). */
    GateStatus status() {
        HealthTrial t = trial;
        return t == null ? GateStatus.NONE : t.status();
    }

    /** Starts the trial of {@code target}, just installed from {@code from}. Call from the install's body. */
    void begin(HealthGate gate, ReleaseEntry target, ReleaseEntry from) {
        HealthTrial t = new HealthTrial(node, gate, target, from, this::passed, this::failed, tell);
        trial = t;
        lifecycle.record("healthGate", target.id(), "trial started: " + gate.passes() + " healthy replies in a row from "
                + gate.server() + " needed within " + gate.timeoutMillis() + " ms");
        tell.accept(t.status());
        t.start();
    }

    /** Refuses an install while a trial runs. Call from the install's body. */
    void refuseInstall(String version) {
        HealthTrial t = trial;
        if (t != null && t.isOpen()) {
            throw new HandlerException(Reason.ON_TRIAL, version, t.release(), t.status().describe());
        }
    }

    /** The operator made {@code release} permanent: a trial of it ends as accepted. Call from that body. */
    void madePermanentByOperator(String release) {
        HealthTrial t = trial;
        if (t != null && t.release().equals(release) && t.decide(GateState.ACCEPTED, "made permanent by the operator during the trial")) {
            lifecycle.record("healthGate", release, "accepted: made permanent by the operator during the trial");
        }
    }

    /** The operator rolled back: a running trial ends. Call from that body. */
    void rolledBackByOperator() {
        HealthTrial t = trial;
        if (t != null && t.decide(GateState.ABANDONED, "rolled back by the operator during the trial")) {
            lifecycle.record("healthGate", t.release(), "abandoned: rolled back by the operator during the trial");
        }
    }

    private void passed(HealthTrial t, String why) {
        if (!t.gate().makePermanent()) {
            if (t.decide(GateState.HEALTHY, why)) {
                lifecycle.record("healthGate", t.release(), "passed: " + why);
            }
            return;
        }
        whenFree(t, "making " + t.version() + " permanent (health gate passed: " + why + ")", "makePermanent", () -> {
            if (!t.isOpen()) {
                return null;
            }
            String outcome = why + "; made permanent";
            try {
                moves.makePermanent(t.version());
            } catch (HandlerException e) {
                outcome = why + "; but not made permanent: " + e.getMessage();
            }
            t.decide(GateState.HEALTHY, outcome);
            lifecycle.record("healthGate", t.release(), "passed: " + outcome);
            return null;
        });
    }

    private void failed(HealthTrial t, String why) {
        whenFree(t, "rolling back " + t.release() + " to " + t.from() + " (health gate failed: " + why + ")", "rollback", () -> {
            if (!t.isOpen()) {
                return null;
            }
            try {
                moves.installBack(t.fromVersion());
            } catch (RuntimeException | IOException e) {
                String outcome = why + "; the rollback to " + t.from() + " failed: " + e.getMessage() + "; the node still runs "
                        + t.release();
                t.decide(GateState.ROLLBACK_FAILED, outcome);
                lifecycle.record("healthGate", t.release(), "failed: " + outcome);
                throw e;
            }
            String outcome = why + "; rolled back to " + t.from();
            t.decide(GateState.ROLLED_BACK, outcome);
            lifecycle.record("healthGate", t.release(), "failed: " + outcome);
            return null;
        });
    }

    /** Runs a verdict as a lifecycle operation once the lifecycle is free, while the trial is undecided. */
    private void whenFree(HealthTrial t, String what, String audited, Lifecycle.Body<Void> body) {
        long giveUp = System.nanoTime() + GIVE_UP_NANOS;
        while (t.isOpen()) {
            try {
                lifecycle.run(what, audited, body);
                return;
            } catch (RuntimeException e) {
                if (!(e instanceof HandlerException h) || h.reason() != Reason.BUSY) {
                    LOG.log(System.Logger.Level.ERROR, what + " failed: " + e.getMessage()); // and said so in the gate
                    return;
                }
                if (System.nanoTime() > giveUp) {
                    LOG.log(System.Logger.Level.ERROR, "gave up " + what + ": the node stayed busy (" + e.getMessage() + ")");
                    return;
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                return; // decided by an operator meanwhile
            }
        }
    }
}
