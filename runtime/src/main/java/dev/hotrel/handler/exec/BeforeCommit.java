package dev.hotrel.handler.exec;

import dev.hotrel.api.ChildSpec;
import dev.hotrel.handler.plan.Step;
import dev.hotrel.handler.plan.TreeIndex;
import dev.hotrel.release.Instruction;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.runtime.server.CodeSwap;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.server.SuspendSet;
import dev.hotrel.runtime.supervisor.SpecChange;
import dev.hotrel.runtime.supervisor.Supervisor;
import dev.hotrel.api.SupervisorSpec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the steps that stand before the commit, each returning the {@link Undo} that takes it back
 * exactly. Nothing here destroys state: the old state of a moved server is kept by its undo.
 *
 * <p>A step that fails has changed nothing, so that the undos of the steps before it are all a
 * rollback needs: a soft purge refuses whole; a suspend that times out resumes its set; a switch
 * whose new tree cannot be put in force puts the configuration and the code back; a code change
 * that throws leaves the server on its old code and state; a child or an application whose start
 * fails part-way stops what of it started (and an application's start class is stopped when its
 * start had run). The exception is an {@code apply}: what it did before it threw is its own.
 */
final class BeforeCommit {

    private final Node node;
    private final Map<String, AppTarget> targets;
    private final Map<String, Long> suspendedAt;
    private final List<String> moved;
    /** Per application, its servers' specs in force, read once for all its code changes; dropped when the tree changes. */
    private final Map<String, Map<String, ChildSpec>> specs = new java.util.HashMap<>();

    private final long applyTimeoutMillis;

    BeforeCommit(Node node, Map<String, AppTarget> targets, Map<String, Long> suspendedAt, List<String> moved,
                 long applyTimeoutMillis) {
        this.node = node;
        this.applyTimeoutMillis = applyTimeoutMillis;
        this.targets = targets;
        this.suspendedAt = suspendedAt;
        this.moved = moved;
    }

    Undo run(Step step) {
        if (step instanceof Step.PurgeLeftover p) {
            node.purge(p.app(), PurgeMode.SOFT);
            return Undo.NOTHING;
        } else if (step instanceof Step.Suspend s) {
            return suspend(s);
        } else if (step instanceof Step.SwitchCode s) {
            return switchCode(s);
        } else if (step instanceof Step.CodeChange c) {
            ServerProcess server = server(c.app(), c.server());
            RunningApplication app = app(c.app());
            ChildSpec spec = specs.computeIfAbsent(c.app(), a -> app.supervisor().serverSpecs()).get(c.server());
            if (spec == null) {
                throw new IllegalStateException("application " + c.app() + " has no server named '" + c.server() + "'");
            }
            CodeSwap swap = c.downgrade()
                    ? server.downgradeCode(app.current(), spec.callback(), c.extra())
                    : server.changeCode(app.current(), spec.callback(), c.extra());
            moved.add(c.app() + "/" + c.server());
            return new Undo("put " + c.server() + " back on its old code", () -> server.revert(swap));
        } else if (step instanceof Step.AddChild a) {
            return addChild(a);
        } else if (step instanceof Step.StartApp s) {
            AppTarget target = target(s.app());
            node.startApplication(target.version(), target.startClass(), target.config());
            return new Undo("stop application " + s.app(), () -> node.stopApplication(s.app()));
        } else if (step instanceof Step.Apply a) {
            return apply(a);
        }
        throw new IllegalArgumentException("step cannot stand before the commit: " + step.describe());
    }

    private Undo suspend(Step.Suspend s) {
        Map<ServerProcess, Long> timeouts = new LinkedHashMap<>();
        s.servers().forEach((qualified, timeout) -> timeouts.put(server(qualified), timeout));
        // A server's pause begins when it stops taking new messages, not once it is quiet: a call arriving
        // meanwhile waits from then on (as a call to an OTP process waits from its sys:suspend on).
        long stopped = System.nanoTime();
        SuspendSet set = SuspendSet.suspend(timeouts, TimeUnit.MILLISECONDS);
        Undo undo = new Undo("resume " + String.join(", ", s.servers().keySet()), set::resume);
        Map<ServerProcess, String> late = set.awaitQuiet(timeouts, TimeUnit.MILLISECONDS);
        timeouts.keySet().forEach(server -> suspendedAt.put(server.name(), stopped));
        if (!late.isEmpty()) {
            undo.action().run();
            List<ServerProcess> names = List.copyOf(late.keySet());
            throw new IllegalStateException("server(s) " + String.join(", ", names.stream().map(ServerProcess::name).toList())
                    + " did not finish their current message within "
                    + String.join(", ", names.stream().map(n -> timeouts.get(n) + " ms").distinct().toList())
                    + " (" + String.join("; ", late.values()) + "), so could not be suspended");
        }
        return undo;
    }

    private Undo switchCode(Step.SwitchCode s) {
        specs.remove(s.app());
        RunningApplication app = app(s.app());
        AppTarget target = target(s.app());
        if (!target.version().version().equals(s.version())) {
            throw new IllegalStateException("staged " + target.version().id() + " is not " + s.app() + "@" + s.version());
        }
        AppVersion from = app.current();
        SupervisorSpec tree = target.spec() == null ? target.version().newApplication(target.startClass())
                .supervisor(app.contextFor(target.version(), target.config())) : target.spec();
        RunningApplication.Switch sw = target.application() == null
                ? app.switchTo(target.version(), target.startClass())
                : app.switchTo(target.version(), target.startClass(), target.application());
        Map<String, Object> configBefore = app.setConfig(target.config());
        SpecChange specs;
        try {
            specs = app.supervisor().changeSpec(tree);
        } catch (RuntimeException e) {
            app.setConfig(configBefore);
            app.revert(sw);
            throw e;
        }
        return new Undo("switch " + s.app() + " back to " + from.id(), () -> {
            app.supervisor().revertSpec(specs);
            app.setConfig(configBefore);
            app.revert(sw);
            // A server that crashed during the install may have been restarted on the new code.
            for (ServerProcess stray : app.serversOn(target.version())) {
                try {
                    app.supervisor().restart(stray.name(), "rollback to " + from.id());
                } catch (RuntimeException e) {
                    // Its supervisor takes it from here (a failed restart counts as an exit).
                }
            }
        });
    }

    private Undo addChild(Step.AddChild a) {
        specs.remove(a.app());
        RunningApplication app = app(a.app());
        AppTarget staged = targets.get(a.app());
        SupervisorSpec tree = staged != null && staged.spec() != null ? staged.spec() : app.supervisor().spec();
        ChildSpec spec = Optional.ofNullable(TreeIndex.of(tree).children().get(Step.path(a.parent(), a.name())))
                .orElseThrow(() -> new IllegalStateException(app.current().id()
                + "'s supervision tree has no child " + a.name() + " under " + (a.parent().isEmpty() ? "its root" : a.parent())));
        Supervisor parent = app.supervisor().subtree(a.parent()).orElseThrow(() -> new IllegalStateException(
                "application " + a.app() + " runs no supervisor " + a.parent()));
        parent.add(spec);
        return new Undo("stop added " + a.name(), () -> parent.remove(a.name(), "shutdown"));
    }


    /**
     * Calls the apply on the code it names: the staged version of an application that does not run
     * yet, else the application's current one (the new version, once switched). Its undo, if any,
     * runs later on that same code.
     */
    private Undo apply(Step.Apply a) {
        AppVersion code = targets.containsKey(a.app()) && node.application(a.app()).isEmpty()
                ? target(a.app()).version() : app(a.app()).current();
        callBounded(code, a.call());
        if (a.undo() == null) {
            return Undo.none(a.describe());
        }
        return new Undo("call " + a.undo().describe() + " in " + code.id(), () -> callBounded(code, a.undo()));
    }

    /**
     * {@link #call} on a node thread of its own, waited for up to the apply timeout: an apply that
     * hangs (on a lock, a socket, a loop) must not hold the install, its suspended servers and the
     * node's lifecycle for ever. One that has not returned in time is interrupted and fails its step,
     * so the install rolls back; what it did so far is its own, and if it ignores the interrupt it
     * runs on, which the error says.
     */
    private void callBounded(AppVersion code, Instruction.Call call) {
        java.util.concurrent.atomic.AtomicReference<Thread> runner = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CompletableFuture<Void> done = node.onNodeThreadLater(() -> {
            runner.set(Thread.currentThread());
            try {
                return call(code, call);
            } finally {
                runner.set(null);
                Thread.interrupted(); // an interrupt that came too late stays with this call, not the pooled thread
            }
        });
        try {
            done.get(applyTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            Thread stuck = runner.get();
            if (stuck != null) {
                stuck.interrupt();
            }
            throw new IllegalStateException(call.describe() + " in " + code.id() + " did not return within "
                    + applyTimeoutMillis + " ms (applyTimeout); it was interrupted"
                    + (stuck != null && stuck.isAlive() ? " and may still be running on " + stuck.getName() : ""));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + call.describe() + " in " + code.id(), e);
        }
    }

    /**
     * Calls a static method of {@code code} with string arguments, as that code's own thread would
     * see it; run on a node thread (application code never runs on the installing caller's thread).
     */
    private static Void call(AppVersion code, Instruction.Call call) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(code.loader());
        try {
            Class<?> c = code.loadClass(call.className());
            Class<?>[] types = new Class<?>[call.args().size()];
            Arrays.fill(types, String.class);
            Method m = c.getMethod(call.method(), types);
            m.invoke(null, call.args().toArray());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(call.className() + "." + call.method() + " in " + code.id() + " threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + call.className() + "." + call.method() + " with "
                    + call.args().size() + " string argument(s) in " + code.id() + ": " + e, e);
        } finally {
            thread.setContextClassLoader(before);
        }
        return null;
    }

    private RunningApplication app(String name) {
        return node.application(name).orElseThrow(() -> new IllegalStateException("application " + name + " does not run"));
    }

    private AppTarget target(String app) {
        AppTarget target = targets.get(app);
        if (target == null) {
            throw new IllegalStateException("no staged version of " + app + " (run checkInstallRelease first)");
        }
        return target;
    }

    private ServerProcess server(String app, String name) {
        ServerProcess server = node.registry().find(name);
        if (server == null || !server.app().equals(app)) {
            throw new IllegalStateException("application " + app + " has no server named '" + name + "'");
        }
        return server;
    }

    private ServerProcess server(String qualified) {
        int slash = qualified.indexOf('/');
        return slash < 0 ? node.registry().lookup(qualified) : server(qualified.substring(0, slash), qualified.substring(slash + 1));
    }
}
