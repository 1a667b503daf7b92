package dev.hotrel.runtime.supervisor;

import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.RestartType;
import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.runtime.server.ServerProcess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A supervisor of an application's tree: starts its children in order (servers, and supervisors
 * of their own), restarts them by strategy when they die, and gives up when restarts exceed its
 * intensity. A subtree that gives up ends its children (their mailboxes kept) and counts as one
 * dead child of its parent, which restarts it by its own strategy; the root giving up stops every
 * server for good and the application fails.
 *
 * <p>Children are started from the application's <em>current</em> code each time, so a server
 * restarted after an upgrade (or killed by a brutal purge) runs the new version. A restarted
 * server keeps its mailbox: messages queued while it was down are handled by the new incarnation.
 *
 * <p>The supervisor's own code changes with the application's: {@link #changeSpec} puts the new
 * version's strategy, intensity, child specs and child order in force at once, recursively, and
 * its {@link SpecChange} takes them back exactly.
 *
 * <p>Every method is serialized on the supervisor; exits are reported to it asynchronously, so a
 * crashing server never waits for its own restart.
 */
public final class Supervisor {

    /** RUNNING → STOPPED (stop) or FAILED (intensity exceeded); a subtree goes FAILED → RUNNING when its parent restarts it. */
    public enum Status { RUNNING, STOPPED, FAILED }

    /** A child as it runs: its spec in force and the server or subtree that runs it. */
    public sealed interface Child {
        ChildSpec spec();

        /** The object that stays the same across restarts and spec changes. */
        Object key();

        default String name() {
            return spec().name();
        }
    }

    record ServerChild(ChildSpec spec, ServerProcess process) implements Child {
        public Object key() {
            return process;
        }
    }

    record SubtreeChild(ChildSpec spec, Supervisor supervisor) implements Child {
        public Object key() {
            return supervisor;
        }
    }

    /** A restart that failed, naming the child whose start failed. */
    private static final class RestartFailed extends RuntimeException {
        final Object key;

        RestartFailed(Child child, String path, RuntimeException cause) {
            super("restart of " + path + " failed: " + cause.getMessage(), cause, false, false);
            this.key = child.key();
        }
    }

    private final SupervisorScope scope;
    private final String path;
    private final Consumer<String> onGiveUp;
    private final boolean root;
    private final List<Child> children = new ArrayList<>();
    private final RestartIntensity intensity = new RestartIntensity();
    private final dev.hotrel.runtime.server.ExitListener exits = this::serverExited; // one for all its servers
    private volatile SupervisorSpec spec;
    private volatile Status status = Status.RUNNING;

    /**
     * The root supervisor of an application.
     *
     * @param onGiveUp told why when the root gives up (every server is stopped by then)
     */
    public Supervisor(SupervisorScope scope, SupervisorSpec spec, Consumer<String> onGiveUp) {
        this(scope, "", spec, onGiveUp, true);
    }

    private Supervisor(SupervisorScope scope, String path, SupervisorSpec spec, Consumer<String> onGiveUp, boolean root) {
        this.scope = scope;
        this.path = path;
        this.spec = spec;
        this.onGiveUp = onGiveUp;
        this.root = root;
    }

    public Status status() {
        return status;
    }

    /** The spec in force: strategy, intensity and the declared children. */
    public SupervisorSpec spec() {
        return spec;
    }

    /** {@code ""} for the root, else the names of the supervisors down to this one, as {@code conns/pool}. */
    public String path() {
        return path;
    }

    // ---- start and stop -----------------------------------------------------------------------

    /**
     * Starts every child in order. If one fails, those already started are stopped in reverse
     * order and the exception names the child.
     */
    public synchronized void start() {
        for (ChildSpec child : spec.children()) {
            try {
                children.add(startNew(child));
            } catch (RuntimeException e) {
                stopAll("shutdown");
                status = Status.FAILED;
                throw new IllegalStateException("application " + scope.app() + " could not start "
                        + describe(child) + ": " + e.getMessage(), e);
            }
        }
    }

    /** Stops every child in reverse start order, for good. Idempotent. */
    public synchronized void stop(String reason) {
        status = Status.STOPPED;
        stopAll(reason);
    }

    // ---- the tree -----------------------------------------------------------------------------

    /** Every server of the tree, depth first in start order. */
    public synchronized List<ServerProcess> servers() {
        List<ServerProcess> all = new ArrayList<>();
        for (Child c : children) {
            if (c instanceof ServerChild s) {
                all.add(s.process());
            } else if (c instanceof SubtreeChild t) {
                all.addAll(t.supervisor().servers());
            }
        }
        return all;
    }

    /**
     * The tree as it runs now, as a spec: this supervisor's strategy and intensity, and the specs
     * in force of the children that run, in their order. What the planner compares the next
     * version's tree with.
     */
    public synchronized SupervisorSpec running() {
        List<ChildSpec> specs = new ArrayList<>();
        for (Child c : children) {
            specs.add(c instanceof SubtreeChild t
                    ? new ChildSpec(c.name(), null, null, c.spec().restart(), c.spec().shutdownMillis(),
                            c.spec().restartDelayMillis(), t.supervisor().running())
                    : c.spec());
        }
        return new SupervisorSpec(spec.strategy(), spec.maxRestarts(), spec.periodMillis(), specs);
    }

    /** The spec in force of server {@code name}, anywhere in the tree. */
    public ChildSpec childSpec(String name) {
        return owner(name).orElseThrow(() -> noSuchServer(name)).childNamed(name).spec();
    }

    /**
     * The spec in force of every server of the tree, by name, in one walk: what a step that moves
     * thousands of servers reads, instead of searching the tree once for each.
     */
    public synchronized Map<String, ChildSpec> serverSpecs() {
        Map<String, ChildSpec> all = new java.util.HashMap<>();
        collectServerSpecs(all);
        return all;
    }

    private synchronized void collectServerSpecs(Map<String, ChildSpec> into) {
        for (Child c : children) {
            if (c instanceof SubtreeChild t) {
                t.supervisor().collectServerSpecs(into);
            } else {
                into.put(c.name(), c.spec());
            }
        }
    }

    /** The supervisor at {@code path} ({@code ""} for this one). */
    public synchronized Optional<Supervisor> subtree(String path) {
        if (path.isEmpty()) {
            return Optional.of(this);
        }
        int slash = path.indexOf('/');
        String head = slash < 0 ? path : path.substring(0, slash);
        for (Child c : children) {
            if (c instanceof SubtreeChild t && c.name().equals(head)) {
                return t.supervisor().subtree(slash < 0 ? "" : path.substring(slash + 1));
            }
        }
        return Optional.empty();
    }

    // ---- what a release switch does -----------------------------------------------------------

    /**
     * Starts one more child (an appup {@code add}, or a child the new version's tree names), at its
     * place in the spec in force; a subtree starts with all its children.
     *
     * @throws IllegalStateException if a child of that name runs, or the start failed (nothing stays running)
     */
    public synchronized void add(ChildSpec child) {
        if (indexOfName(child.name()) >= 0) {
            throw new IllegalStateException(describe(child) + " already runs");
        }
        Child started = startNew(child);
        children.add(started);
        sortBySpec();
    }

    /** Stops a child (server or subtree) for good and forgets it (an appup {@code remove}). */
    public synchronized void remove(String name, String reason) {
        int index = indexOfName(name);
        if (index < 0) {
            throw new IllegalArgumentException("supervisor " + display() + " of application " + scope.app()
                    + " has no child named '" + name + "'");
        }
        stopForGood(children.remove(index), reason);
    }

    /**
     * Ends server {@code name}'s incarnation (anywhere in the tree) and starts it again on the
     * current code, without counting against the restart intensity: used by brutal purge and by an
     * appup {@code restart}.
     */
    public void restart(String name, String reason) {
        owner(name).orElseThrow(() -> noSuchServer(name)).restartChild(name, reason);
    }

    /**
     * Puts {@code next} in force, here and in every subtree that {@code next} names: strategy,
     * intensity, the specs of children that run (callback class, argument, restart type, shutdown,
     * restart delay) and their order. Children {@code next} adds are not started here, children it
     * drops are not stopped here: the install does both as steps of their own.
     *
     * @throws IllegalStateException if a child would change kind (server ↔ supervisor); nothing changed
     */
    public synchronized SpecChange changeSpec(SupervisorSpec next) {
        Map<String, ChildSpec> declared = byName(next);
        for (Child c : children) {
            ChildSpec n = declared.get(c.name());
            if (n != null && n.isSupervisor() != c instanceof SubtreeChild) {
                throw new IllegalStateException(display() + " child '" + c.name() + "' of application " + scope.app()
                        + " would change from " + kind(c.spec()) + " to " + kind(n) + ": restart the application instead");
            }
        }
        SpecChange undo;
        Map<Supervisor, SpecChange> nested = new LinkedHashMap<>();
        List<Child> updated = new ArrayList<>();
        for (Child c : children) {
            ChildSpec n = declared.get(c.name());
            if (n == null) {
                updated.add(c);
            } else if (c instanceof SubtreeChild t) {
                nested.put(t.supervisor(), t.supervisor().changeSpec(n.supervisor()));
                updated.add(new SubtreeChild(n, t.supervisor()));
            } else {
                updated.add(new ServerChild(n, ((ServerChild) c).process()));
            }
        }
        undo = new SpecChange(this, spec, List.copyOf(children), nested);
        spec = next;
        children.clear();
        children.addAll(updated);
        sortBySpec();
        return undo;
    }

    /** Takes a {@link #changeSpec} back: the spec and child order before it, here and below. */
    public synchronized void revertSpec(SpecChange change) {
        if (change.supervisor() != this) {
            throw new IllegalArgumentException("spec change of " + change.supervisor().display() + " given to " + display());
        }
        change.subtrees().forEach(Supervisor::revertSpec);
        // Children added since were removed by their own undo; children gone for good stay gone.
        java.util.Set<Object> alive = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        children.forEach(c -> alive.add(c.key()));
        children.clear();
        change.children().stream().filter(c -> alive.contains(c.key())).forEach(children::add);
        spec = change.spec();
    }

    // ---- exits and restarts -------------------------------------------------------------------

    private void serverExited(ServerProcess process, String reason, boolean normal) {
        scope.executor().execute(() -> handleExit(process, reason, normal));
    }

    private void subtreeGaveUp(Supervisor subtree, String reason) {
        scope.executor().execute(() -> handleExit(subtree, reason, false));
    }

    private synchronized void handleExit(Object key, String reason, boolean normal) {
        if (status != Status.RUNNING) {
            return;
        }
        int index = indexOfKey(key);
        if (index < 0 || isUp(children.get(index))) {
            // Gone, or started again meanwhile (a sibling's exit restarted it): this exit is stale.
            return;
        }
        Child child = children.get(index);
        RestartType type = child.spec().restart();
        if (type == RestartType.TEMPORARY || (type == RestartType.TRANSIENT && normal)) {
            children.remove(index);
            stopForGood(child, reason);
            return;
        }
        restartLoop(index, describe(child.spec()) + " exited (" + reason + ")");
    }

    /** Restarts by strategy until a restart succeeds, is delayed, or the intensity is exceeded. Holds the monitor. */
    private void restartLoop(int index, String why) {
        while (status == Status.RUNNING && index >= 0) {
            if (!intensity.record(spec)) {
                giveUp(why);
                return;
            }
            Child died = children.get(index);
            List<Child> affected = switch (spec.strategy()) {
                case ONE_FOR_ONE -> List.of(died);
                case ONE_FOR_ALL -> List.copyOf(children);
                case REST_FOR_ONE -> List.copyOf(children.subList(index, children.size()));
            };
            for (int i = affected.size() - 1; i >= 0; i--) {
                end(affected.get(i), "shutdown");
            }
            long delay = died.spec().restartDelayMillis();
            List<Object> keys = affected.stream().map(Child::key).toList();
            if (delay > 0) {
                String reason = why;
                scope.timers().schedule(() -> scope.executor().execute(() -> delayedStart(keys, reason)),
                        delay, TimeUnit.MILLISECONDS);
                return;
            }
            try {
                startAgain(keys, why);
                return;
            } catch (RestartFailed f) {
                why = f.getMessage();
                index = indexOfKey(f.key);
            }
        }
    }

    private synchronized void delayedStart(List<Object> keys, String why) {
        if (status != Status.RUNNING) {
            return;
        }
        try {
            startAgain(keys, why);
        } catch (RestartFailed f) {
            restartLoop(indexOfKey(f.key), f.getMessage());
        }
    }

    /** Starts again, in order, those of {@code keys} still children and down. */
    private void startAgain(List<Object> keys, String why) {
        for (Object key : keys) {
            int index = indexOfKey(key);
            if (index < 0 || isUp(children.get(index))) {
                continue;
            }
            Child c = children.get(index);
            try {
                if (c instanceof ServerChild s) {
                    s.process().start(scope.currentCode().get(), c.spec().callback(), c.spec().arg(), true);
                    scope.events().restarted(s.process(), why);
                } else {
                    ((SubtreeChild) c).supervisor().startAgain(why);
                }
            } catch (RuntimeException e) {
                throw new RestartFailed(c, describe(c.spec()), e);
            }
        }
    }

    /** A subtree started again by its parent: every child on current code, a fresh intensity. */
    private synchronized void startAgain(String why) {
        status = Status.RUNNING;
        intensity.clear();
        List<Object> keys = children.stream().map(Child::key).toList();
        try {
            startAgain(keys, why);
        } catch (RestartFailed f) {
            endAll("shutdown");
            status = Status.FAILED;
            throw f;
        }
    }

    private synchronized void restartChild(String name, String reason) {
        Child child = childNamed(name);
        ServerProcess process = ((ServerChild) child).process();
        process.terminate(reason, child.spec().shutdownMillis(), TimeUnit.MILLISECONDS);
        try {
            process.start(scope.currentCode().get(), child.spec().callback(), child.spec().arg(), true);
        } catch (RuntimeException e) {
            // Not left down for good: the failed start counts as an exit, restarted (or given up) by strategy.
            serverExited(process, "restart failed: " + e.getMessage(), false);
            throw e;
        }
        scope.events().restarted(process, reason);
    }

    private void giveUp(String why) {
        status = Status.FAILED;
        String message = (root ? "supervisor of " : "supervisor " + path + " of ") + scope.app() + " gave up after more than " + spec.maxRestarts()
                + " restart(s) in " + spec.periodMillis() + " ms; last: " + why;
        if (root) {
            stopAll("shutdown");
        } else {
            endAll("shutdown");
        }
        onGiveUp.accept(message);
    }

    // ---- children -----------------------------------------------------------------------------

    private Child startNew(ChildSpec child) {
        if (child.isSupervisor()) {
            Supervisor[] self = new Supervisor[1];
            Supervisor sub = new Supervisor(scope, path.isEmpty() ? child.name() : path + "/" + child.name(),
                    child.supervisor(), why -> subtreeGaveUp(self[0], why), false);
            self[0] = sub;
            sub.start();
            return new SubtreeChild(child, sub);
        }
        ServerProcess process = new ServerProcess(child.name(), scope.app(), scope.executor());
        scope.registry().register(process);
        process.onExit(exits);
        try {
            process.start(scope.currentCode().get(), child.callback(), child.arg(), false);
        } catch (RuntimeException e) {
            process.stop("init failed", 0, TimeUnit.MILLISECONDS);
            scope.registry().unregister(process);
            throw e;
        }
        scope.events().started(process);
        return new ServerChild(child, process);
    }

    private static boolean isUp(Child c) {
        return c instanceof ServerChild s ? s.process().code() != null
                : ((SubtreeChild) c).supervisor().status() == Status.RUNNING;
    }

    /** Ends a child's incarnation (a subtree: all of its servers), keeping mailboxes and registrations. */
    private static void end(Child c, String reason) {
        if (c instanceof ServerChild s) {
            s.process().terminate(reason, c.spec().shutdownMillis(), TimeUnit.MILLISECONDS);
        } else {
            ((SubtreeChild) c).supervisor().endAll(reason);
        }
    }

    private synchronized void endAll(String reason) {
        for (int i = children.size() - 1; i >= 0; i--) {
            end(children.get(i), reason);
        }
    }

    private void stopAll(String reason) {
        for (int i = children.size() - 1; i >= 0; i--) {
            stopForGood(children.get(i), reason);
        }
        children.clear();
    }

    private void stopForGood(Child c, String reason) {
        if (c instanceof ServerChild s) {
            s.process().stop(reason, c.spec().shutdownMillis(), TimeUnit.MILLISECONDS);
            scope.registry().unregister(s.process());
            scope.events().stopped(s.process(), reason);
        } else {
            ((SubtreeChild) c).supervisor().stop(reason);
        }
    }

    /** The supervisor in this tree whose direct child is server {@code name}. */
    private synchronized Optional<Supervisor> owner(String name) {
        for (Child c : children) {
            if (c instanceof ServerChild && c.name().equals(name)) {
                return Optional.of(this);
            }
        }
        for (Child c : children) {
            if (c instanceof SubtreeChild t) {
                Optional<Supervisor> found = t.supervisor().owner(name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private synchronized Child childNamed(String name) {
        int index = indexOfName(name);
        if (index < 0) {
            throw noSuchServer(name);
        }
        return children.get(index);
    }

    private void sortBySpec() {
        Map<String, Integer> order = new java.util.HashMap<>();
        List<ChildSpec> declared = spec.children();
        for (int i = 0; i < declared.size(); i++) {
            order.putIfAbsent(declared.get(i).name(), i);
        }
        // Stable: children the spec does not name (about to be removed) keep their order, last.
        children.sort(Comparator.comparingInt(c -> order.getOrDefault(c.name(), Integer.MAX_VALUE)));
    }

    private static Map<String, ChildSpec> byName(SupervisorSpec spec) {
        Map<String, ChildSpec> byName = new java.util.HashMap<>();
        for (ChildSpec c : spec.children()) {
            byName.putIfAbsent(c.name(), c);
        }
        return byName;
    }

    private int indexOfName(String name) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOfKey(Object key) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).key() == key) {
                return i;
            }
        }
        return -1;
    }

    private IllegalArgumentException noSuchServer(String name) {
        return new IllegalArgumentException("application " + scope.app() + " has no server named '" + name + "'");
    }

    private String describe(ChildSpec child) {
        return child.isSupervisor()
                ? "supervisor " + (path.isEmpty() ? child.name() : path + "/" + child.name())
                : "server " + child.name();
    }

    private String display() {
        return path.isEmpty() ? "(root)" : path;
    }

    private static String kind(ChildSpec c) {
        return c.isSupervisor() ? "a supervisor" : "a server";
    }

    @Override
    public String toString() {
        return "supervisor " + display() + " of " + scope.app() + " (" + status + ")";
    }
}
