package dev.hotrel.runtime.supervisor;

import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.RestartType;
import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.server.Registry;
import dev.hotrel.runtime.server.ServerProcess;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An application's supervisor: starts its servers in order, restarts them by strategy when they
 * die, and gives up when restarts exceed the intensity, stopping every child and reporting the
 * application as failed.
 *
 * <p>Children are started from the application's <em>current</em> code each time, so a server
 * restarted after an upgrade (or killed by a brutal purge) runs the new version. A restarted
 * server keeps its mailbox: messages queued while it was down are handled by the new incarnation.
 *
 * <p>Every method is serialized on the supervisor; exits are reported to it asynchronously, so a
 * crashing server never waits for its own restart.
 */
public final class Supervisor {

    /** RUNNING → STOPPED (stop) or FAILED (intensity exceeded); both final. */
    public enum Status { RUNNING, STOPPED, FAILED }

    private record Child(ChildSpec spec, ServerProcess process) {
    }

    private final String app;
    private final SupervisorSpec spec;
    private final Registry registry;
    private final Executor executor;
    private final Supplier<AppVersion> currentCode;
    private final Consumer<String> onGiveUp;
    private final ServerEvents events;
    private final List<Child> children = new ArrayList<>();
    private final Deque<Long> restartTimes = new ArrayDeque<>();
    private volatile Status status = Status.RUNNING;

    public Supervisor(String app, SupervisorSpec spec, Registry registry, Executor executor,
                      Supplier<AppVersion> currentCode, Consumer<String> onGiveUp, ServerEvents events) {
        this.app = app;
        this.spec = spec;
        this.registry = registry;
        this.executor = executor;
        this.currentCode = currentCode;
        this.onGiveUp = onGiveUp;
        this.events = events;
    }

    public Status status() {
        return status;
    }

    /**
     * Starts every child in order. If one fails, those already started are stopped in reverse
     * order and the exception names the child.
     */
    public synchronized void start() {
        for (ChildSpec child : spec.children()) {
            try {
                add(child);
            } catch (RuntimeException e) {
                stopAll("shutdown");
                status = Status.FAILED;
                throw new IllegalStateException("application " + app + " could not start server "
                        + child.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Starts one more child, last in start order (an appup {@code add}). */
    public synchronized ServerProcess add(ChildSpec child) {
        ServerProcess process = new ServerProcess(child.name(), app, executor);
        registry.register(process);
        process.onExit(this::childExited);
        try {
            process.start(currentCode.get(), child.callback(), child.arg(), false);
        } catch (RuntimeException e) {
            process.stop("init failed", 0, TimeUnit.MILLISECONDS);
            registry.unregister(process);
            throw e;
        }
        children.add(new Child(child, process));
        events.started(process);
        return process;
    }

    /** Stops a child for good and forgets it (an appup {@code remove}). */
    public synchronized void remove(String name, String reason) {
        Child child = find(name);
        children.remove(child);
        stopChild(child, reason);
    }

    /**
     * Ends a child's incarnation and starts it again on the current code, without counting against
     * the restart intensity: used by brutal purge and by an appup {@code restart}.
     */
    public synchronized void restart(String name, String reason) {
        Child child = find(name);
        child.process().terminate(reason, child.spec().shutdownMillis(), TimeUnit.MILLISECONDS);
        try {
            child.process().start(currentCode.get(), child.spec().callback(), child.spec().arg(), true);
        } catch (RuntimeException e) {
            // Not left down for good: the failed start counts as an exit, restarted (or given up) by strategy.
            childExited(child.process(), "restart failed: " + e.getMessage(), false);
            throw e;
        }
        events.restarted(child.process(), reason);
    }

    /** Stops every child in reverse start order. Idempotent. */
    public synchronized void stop(String reason) {
        if (status == Status.RUNNING) {
            status = Status.STOPPED;
        }
        stopAll(reason);
    }

    /**
     * Replaces the specs of existing children by name (a release switch brings the new version's
     * specs, so later restarts use its callback classes and arguments). Children not named keep
     * theirs; names without a child are ignored.
     *
     * @return the specs replaced, for undo by another call
     */
    public synchronized List<ChildSpec> updateSpecs(List<ChildSpec> specs) {
        List<ChildSpec> replaced = new ArrayList<>();
        for (ChildSpec next : specs) {
            for (int i = 0; i < children.size(); i++) {
                Child c = children.get(i);
                if (c.spec().name().equals(next.name())) {
                    replaced.add(c.spec());
                    children.set(i, new Child(next, c.process()));
                }
            }
        }
        return replaced;
    }

    public synchronized List<ServerProcess> servers() {
        return children.stream().map(Child::process).toList();
    }

    public synchronized List<ChildSpec> childSpecs() {
        return children.stream().map(Child::spec).toList();
    }

    public synchronized ChildSpec childSpec(String name) {
        return find(name).spec();
    }

    public SupervisorSpec spec() {
        return spec;
    }

    private void childExited(ServerProcess process, String reason, boolean normal) {
        executor.execute(() -> handleExit(process, reason, normal));
    }

    private synchronized void handleExit(ServerProcess process, String reason, boolean normal) {
        if (status != Status.RUNNING) {
            return;
        }
        int index = indexOf(process);
        if (index < 0 || process.code() != null) {
            // Gone, or started again meanwhile (a sibling's exit restarted it): this exit is stale.
            return;
        }
        Child child = children.get(index);
        RestartType type = child.spec().restart();
        if (type == RestartType.TEMPORARY || (type == RestartType.TRANSIENT && normal)) {
            children.remove(index);
            stopChild(child, reason);
            return;
        }
        String why = "server " + process.name() + " exited (" + reason + ")";
        while (status == Status.RUNNING) {
            if (!recordRestart()) {
                giveUp(why);
                return;
            }
            try {
                restartAfter(index, why);
                return;
            } catch (RuntimeException e) {
                why = "restart of " + process.name() + " failed: " + e.getMessage();
            }
        }
    }

    private void restartAfter(int index, String why) {
        List<Child> affected = switch (spec.strategy()) {
            case ONE_FOR_ONE -> List.of(children.get(index));
            case ONE_FOR_ALL -> List.copyOf(children);
            case REST_FOR_ONE -> List.copyOf(children.subList(index, children.size()));
        };
        for (int i = affected.size() - 1; i >= 0; i--) {
            Child c = affected.get(i);
            c.process().terminate("shutdown", c.spec().shutdownMillis(), TimeUnit.MILLISECONDS);
        }
        for (Child c : affected) {
            c.process().start(currentCode.get(), c.spec().callback(), c.spec().arg(), true);
            events.restarted(c.process(), why);
        }
    }

    /** Records a restart now; false if that would exceed the intensity. */
    private boolean recordRestart() {
        long now = System.nanoTime();
        long period = TimeUnit.MILLISECONDS.toNanos(spec.periodMillis());
        while (!restartTimes.isEmpty() && now - restartTimes.peekFirst() > period) {
            restartTimes.pollFirst();
        }
        if (restartTimes.size() >= spec.maxRestarts()) {
            return false;
        }
        restartTimes.addLast(now);
        return true;
    }

    private void giveUp(String why) {
        status = Status.FAILED;
        stopAll("shutdown");
        onGiveUp.accept("supervisor of " + app + " gave up after more than " + spec.maxRestarts()
                + " restart(s) in " + spec.periodMillis() + " ms; last: " + why);
    }

    private void stopAll(String reason) {
        for (int i = children.size() - 1; i >= 0; i--) {
            stopChild(children.get(i), reason);
        }
        children.clear();
    }

    private void stopChild(Child child, String reason) {
        child.process().stop(reason, child.spec().shutdownMillis(), TimeUnit.MILLISECONDS);
        registry.unregister(child.process());
        events.stopped(child.process(), reason);
    }

    private Child find(String name) {
        for (Child c : children) {
            if (c.spec().name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("application " + app + " has no server named '" + name + "'");
    }

    private int indexOf(ServerProcess process) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).process() == process) {
                return i;
            }
        }
        return -1;
    }
}
