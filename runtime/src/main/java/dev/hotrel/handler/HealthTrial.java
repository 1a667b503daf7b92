package dev.hotrel.handler;

import dev.hotrel.api.CallTimeoutException;
import dev.hotrel.release.HealthGate;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Version;
import dev.hotrel.runtime.Node;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One trial of a release's {@link HealthGate}, from the end of its install until the gate decides:
 * its own daemon thread probes the gate's server and hands the verdict to the release handler,
 * which acts on it under the lifecycle (make permanent, or install back). Thread-safe: the state
 * is guarded by this object, and the first {@link #decide} wins (the gate's own verdict or an
 * operator's lifecycle operation), every later one is ignored.
 *
 * <p>Bounded: a probe waits at most the gate's probe timeout, and never past the time allowed, so a
 * server that never answers fails the gate when that time runs out, not later.
 */
final class HealthTrial {

    private static final System.Logger LOG = System.getLogger("dev.hotrel.handler");

    private final Node node;
    private final HealthGate gate;
    private final String release;
    private final String from;
    private final Version version;
    private final Version fromVersion;
    private final Instant startedAt;
    private final long deadlineNanos;
    private final Instant deadline;
    private final BiConsumer<HealthTrial, String> onPass;
    private final BiConsumer<HealthTrial, String> onFail;
    private final Consumer<GateStatus> onChange;
    private final Thread thread;

    private GateState state = GateState.TRIAL;
    private int passes;
    private int probes;
    private Instant decidedAt;
    private String reason;
    private String lastProbe;

    /**
     * @param onPass called on the trial's thread with the reason once enough healthy replies came: it decides
     *               (the trial is decided {@code HEALTHY} after it if it did not)
     * @param onFail called on the trial's thread with the reason once the gate failed: it decides
     * @param onChange told every decision, for events
     */
    HealthTrial(Node node, HealthGate gate, ReleaseEntry release, ReleaseEntry from, BiConsumer<HealthTrial, String> onPass,
                BiConsumer<HealthTrial, String> onFail, Consumer<GateStatus> onChange) {
        this.node = node;
        this.gate = gate;
        this.release = release.id();
        this.from = from.id();
        this.version = release.version();
        this.fromVersion = from.version();
        this.startedAt = Instant.now();
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(gate.timeoutMillis());
        this.deadline = startedAt.plusMillis(gate.timeoutMillis());
        this.onPass = onPass;
        this.onFail = onFail;
        this.onChange = onChange;
        this.thread = new Thread(this::probe, "hotrel-health-gate-" + release);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The release on trial, {@code demo-1.1.0}. */
    String release() {
        return release;
    }

    Version version() {
        return version;
    }

    /** The release the install came from, {@code demo-1.0.0}. */
    String from() {
        return from;
    }

    Version fromVersion() {
        return fromVersion;
    }

    HealthGate gate() {
        return gate;
    }

    synchronized boolean isOpen() {
        return state == GateState.TRIAL;
    }

    synchronized GateStatus status() {
        return new GateStatus(release, from, state, passes, gate.passes(), probes, startedAt, deadline, decidedAt, reason,
                lastProbe, gate.makePermanent());
    }

    /**
     * Ends the trial in {@code next} with {@code why}, unless it has ended already.
     *
     * @return whether this call decided it
     */
    boolean decide(GateState next, String why) {
        GateStatus decided;
        synchronized (this) {
            if (state != GateState.TRIAL) {
                return false;
            }
            state = next;
            reason = why;
            decidedAt = Instant.now();
            decided = status();
        }
        if (Thread.currentThread() != thread) {
            thread.interrupt(); // ends a sleep between probes
        }
        onChange.accept(decided);
        return true;
    }

    private void probe() {
        try {
            while (isOpen()) {
                long started = System.nanoTime();
                long left = deadlineNanos - started;
                if (left <= 0) {
                    fail("no verdict in the time allowed (" + seconds(gate.timeoutMillis()) + "): " + passesSoFar());
                    return;
                }
                long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(gate.probeTimeoutMillis()), left);
                Object reply;
                try {
                    reply = node.call(gate.server(), gate.request(), wait, TimeUnit.NANOSECONDS);
                } catch (CallTimeoutException e) {
                    answered(false, "no reply from " + gate.server() + " within " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
                    pause(started);
                    continue;
                } catch (RuntimeException e) {
                    answered(false, "call to " + gate.server() + " failed: " + e.getMessage());
                    pause(started);
                    continue;
                }
                if (!gate.isHealthy(reply)) {
                    answered(false, gate.server() + " answered " + shown(reply));
                    fail(gate.server() + " answered " + shown(reply) + " to " + shown(gate.request()) + " (healthy: "
                            + shown(gate.healthy()) + ")");
                    return;
                }
                if (answered(true, gate.server() + " answered healthy")) {
                    String why = gate.passes() + " healthy replies in a row in "
                            + Duration.between(startedAt, Instant.now()).toMillis() + " ms";
                    onPass.accept(this, why);
                    decide(GateState.HEALTHY, why);
                    return;
                }
                pause(started);
            }
        } catch (InterruptedException e) {
            // Decided elsewhere (an operator's operation): nothing more to probe.
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "health gate of " + release + " stopped: " + e);
            fail("the health gate's probe stopped: " + e);
        }
    }

    /** Records a probe; returns whether the gate has its passes now. */
    private synchronized boolean answered(boolean healthy, String outcome) {
        probes++;
        passes = healthy ? passes + 1 : 0;
        lastProbe = outcome;
        return passes >= gate.passes();
    }

    private void fail(String why) {
        onFail.accept(this, why);
    }

    private void pause(long startedNanos) throws InterruptedException {
        long next = Math.min(startedNanos + TimeUnit.MILLISECONDS.toNanos(gate.intervalMillis()), deadlineNanos);
        long sleep = next - System.nanoTime();
        if (sleep > 0 && isOpen()) {
            TimeUnit.NANOSECONDS.sleep(sleep);
        }
    }

    private synchronized String passesSoFar() {
        return passes + " of " + gate.passes() + " healthy replies in a row after " + probes + " probe(s)"
                + (lastProbe == null ? "" : "; last probe: " + lastProbe);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
