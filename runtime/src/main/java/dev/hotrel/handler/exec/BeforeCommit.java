package dev.hotrel.handler.exec;

import dev.hotrel.api.ChildSpec;
import dev.hotrel.handler.plan.Step;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.runtime.server.CodeSwap;
import dev.hotrel.runtime.server.ServerProcess;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the steps that stand before the commit, each returning the {@link Undo} that takes it back
 * exactly. Nothing here destroys state: the old state of a moved server is kept by its undo.
 */
final class BeforeCommit {

    private final Node node;
    private final Map<String, AppTarget> targets;
    private final Map<String, Long> suspendedAt;
    private final List<String> moved;

    BeforeCommit(Node node, Map<String, AppTarget> targets, Map<String, Long> suspendedAt, List<String> moved) {
        this.node = node;
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
            ChildSpec spec = app.supervisor().childSpec(c.server());
            CodeSwap swap = server.changeCode(app.current(), spec.callback(), c.extra());
            moved.add(c.app() + "/" + c.server());
            return new Undo("put " + c.server() + " back on its old code", () -> server.revert(swap));
        } else if (step instanceof Step.AddServer a) {
            RunningApplication app = app(a.app());
            AppTarget staged = targets.get(a.app());
            List<ChildSpec> children = (staged != null && staged.spec() != null ? staged.spec() : app.currentSpec()).children();
            ChildSpec spec = children.stream().filter(c -> c.name().equals(a.server()))
                    .findFirst().orElseThrow(() -> new IllegalStateException(app.current().id()
                            + " does not start a server named '" + a.server() + "' (its start class has no such child)"));
            app.supervisor().add(spec);
            return new Undo("stop added server " + a.server(), () -> app.supervisor().remove(a.server(), "shutdown"));
        } else if (step instanceof Step.StartApp s) {
            AppTarget target = target(s.app());
            node.startApplication(target.version(), target.startClass(), target.config());
            return new Undo("stop application " + s.app(), () -> node.stopApplication(s.app()));
        } else if (step instanceof Step.ConfigChange c) {
            RunningApplication app = app(c.app());
            Map<String, Object> before = app.changeConfig(c.config());
            return new Undo("restore the configuration of " + c.app(), () -> app.changeConfig(before));
        } else if (step instanceof Step.Apply a) {
            apply(a);
            return Undo.NOTHING;
        }
        throw new IllegalArgumentException("step cannot stand before the commit: " + step.describe());
    }

    private Undo suspend(Step.Suspend s) {
        List<ServerProcess> servers = s.servers().stream().map(this::server).toList();
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        for (ServerProcess server : servers) {
            // In parallel, so the worst case is one timeout, not one per server as in OTP.
            done.add(CompletableFuture.supplyAsync(() -> {
                boolean quiet = server.suspend(s.timeoutMillis(), TimeUnit.MILLISECONDS);
                suspendedAt.put(server.name(), System.nanoTime());
                return quiet;
            }, command -> {
                Thread t = new Thread(command, "hotrel-suspend-" + server.name());
                t.setDaemon(true);
                t.setContextClassLoader(BeforeCommit.class.getClassLoader());
                t.start();
            }));
        }
        Undo undo = new Undo("resume " + String.join(", ", s.servers()), () -> servers.forEach(ServerProcess::resume));
        List<String> late = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            if (!done.get(i).join()) {
                late.add(servers.get(i).name());
            }
        }
        if (!late.isEmpty()) {
            undo.action().run();
            throw new IllegalStateException("server(s) " + String.join(", ", late) + " did not finish their current message within "
                    + s.timeoutMillis() + " ms, so could not be suspended");
        }
        return undo;
    }

    private Undo switchCode(Step.SwitchCode s) {
        RunningApplication app = app(s.app());
        AppTarget target = target(s.app());
        if (!target.version().version().equals(s.version())) {
            throw new IllegalStateException("staged " + target.version().id() + " is not " + s.app() + "@" + s.version());
        }
        AppVersion from = app.current();
        RunningApplication.Switch sw = target.application() == null
                ? app.switchTo(target.version(), target.startClass())
                : app.switchTo(target.version(), target.startClass(), target.application());
        List<ChildSpec> before;
        try {
            before = app.supervisor().updateSpecs((target.spec() == null ? app.currentSpec() : target.spec()).children());
        } catch (RuntimeException e) {
            app.revert(sw);
            throw e;
        }
        return new Undo("switch " + s.app() + " back to " + from.id(), () -> {
            app.supervisor().updateSpecs(before);
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

    private void apply(Step.Apply a) {
        AppVersion code = targets.containsKey(a.app()) && node.application(a.app()).isEmpty()
                ? target(a.app()).version() : app(a.app()).current();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(code.loader());
        try {
            Class<?> c = code.loadClass(a.className());
            Class<?>[] types = new Class<?>[a.args().size()];
            Arrays.fill(types, String.class);
            Method m = c.getMethod(a.method(), types);
            m.invoke(null, a.args().toArray());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(a.className() + "." + a.method() + " in " + code.id() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot apply " + a.className() + "." + a.method() + " with "
                    + a.args().size() + " string argument(s) in " + code.id() + ": " + e, e);
        } finally {
            thread.setContextClassLoader(before);
        }
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
