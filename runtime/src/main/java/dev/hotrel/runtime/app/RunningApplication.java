package dev.hotrel.runtime.app;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.server.Registry;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.supervisor.ServerEvents;
import dev.hotrel.runtime.supervisor.Supervisor;
import dev.hotrel.runtime.supervisor.SupervisorScope;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * An application running on the node: its current version, the old one while it is not purged
 * (never more than these two), its start-class instance, its configuration and its supervisor.
 */
public final class RunningApplication {

    /** The undo record of {@link #switchTo}. */
    public record Switch(AppVersion from, String fromStartClass, Application fromCallback, AppVersion to) {
    }

    private final String name;
    private final Supervisor supervisor;
    private volatile AppVersion current;
    private volatile AppVersion old;
    private volatile String startClass;
    private volatile Application callback;
    private volatile Map<String, Object> config;
    private volatile ApplicationStatus status = ApplicationStatus.STARTING;
    private volatile String failure;
    private final Executor executor;

    private RunningApplication(AppVersion version, String startClass, Map<String, Object> config,
                               Registry registry, Executor executor, ScheduledExecutorService timers,
                               Consumer<RunningApplication> onFailure, ServerEvents events) {
        this.name = version.app();
        this.current = version;
        this.startClass = startClass;
        this.config = Map.copyOf(config);
        this.executor = executor;
        this.callback = appCode(version, () -> version.newApplication(startClass));
        SupervisorSpec spec;
        try {
            spec = appCode(version, () -> {
                callback.start(context());
                return Objects.requireNonNull(callback.supervisor(context()), "supervisor returned no spec");
            });
        } catch (RuntimeException e) {
            status = ApplicationStatus.FAILED;
            throw new IllegalStateException("application " + version.id() + " failed to start: " + e, e);
        }
        this.supervisor = new Supervisor(new SupervisorScope(name, registry, executor, timers, () -> current, events), spec, why -> {
            failure = why;
            status = ApplicationStatus.FAILED;
            onFailure.accept(this);
        });
    }

    /**
     * Starts {@code version}: calls its start class and starts the servers its supervisor spec
     * names, in order.
     *
     * @throws IllegalStateException if start or a server's init failed; nothing stays running (the
     *         servers started are stopped, and so is the start class, when its start had run)
     */
    public static RunningApplication start(AppVersion version, String startClass, Map<String, Object> config,
                                           Registry registry, Executor executor, ScheduledExecutorService timers,
                                           Consumer<RunningApplication> onFailure, ServerEvents events) {
        RunningApplication app = new RunningApplication(version, startClass, config, registry, executor, timers,
                onFailure, events);
        try {
            app.supervisor.start();
        } catch (RuntimeException e) {
            app.stop(); // its start ran: its stop takes back what that set up, as after any start
            app.status = ApplicationStatus.FAILED;
            app.failure = e.getMessage();
            throw e;
        }
        app.status = ApplicationStatus.RUNNING;
        return app;
    }

    public String name() {
        return name;
    }

    public AppVersion current() {
        return current;
    }

    /** The old version, loaded until purged, or null. */
    public AppVersion old() {
        return old;
    }

    /** The start class of the current version. */
    public String startClass() {
        return startClass;
    }

    public ApplicationStatus status() {
        return status;
    }

    /** Why the application failed, or null. */
    public String failure() {
        return failure;
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public Map<String, Object> config() {
        return config;
    }

    public List<ServerProcess> servers() {
        return supervisor.servers();
    }

    /** The servers whose running code comes from {@code version}. */
    public List<ServerProcess> serversOn(AppVersion version) {
        return servers().stream()
                .filter(s -> s.code() != null && s.code().version() == version)
                .toList();
    }

    /**
     * Makes {@code next} the current version (the current one becomes old). Servers are not
     * touched: they move one by one with their own code change; restarts from now on use
     * {@code next}.
     *
     * @throws IllegalStateException if an old version is still loaded: purge it first (at most two
     *         versions of an application are loaded at once)
     */
    public synchronized Switch switchTo(AppVersion next, String nextStartClass) {
        return switchTo(next, nextStartClass, appCode(next, () -> next.newApplication(nextStartClass)));
    }

    /**
     * As {@link #switchTo(AppVersion, String)}, with the new version's start-class instance made
     * beforehand (so that its class loading and construction stay out of an install's pause).
     */
    public synchronized Switch switchTo(AppVersion next, String nextStartClass, Application nextCallback) {
        if (!next.app().equals(name)) {
            throw new IllegalArgumentException(next.id() + " is not a version of application " + name);
        }
        if (old != null) {
            throw new IllegalStateException("application " + name + " still has old code " + old.id()
                    + " loaded; purge it before moving to " + next.id() + " (at most two versions are loaded)");
        }
        Switch undo = new Switch(current, startClass, callback, next);
        old = current;
        current = next;
        startClass = nextStartClass;
        callback = nextCallback;
        return undo;
    }

    /** Undoes {@link #switchTo}: the version switched from is current again. */
    public synchronized void revert(Switch undo) {
        current = undo.from();
        startClass = undo.fromStartClass();
        callback = undo.fromCallback();
        old = null;
    }

    /**
     * Runs code of the start class on a node thread, with {@code version}'s loader as the context
     * loader: application code never runs on a caller's thread (a Jolokia request's, say).
     */
    private <R> R appCode(AppVersion version, java.util.function.Supplier<R> body) {
        return dev.hotrel.runtime.server.NodeThread.run(executor, () -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(version.loader());
            try {
                return body.get();
            } finally {
                thread.setContextClassLoader(before);
            }
        });
    }

    /** The context {@code version}'s start class sees for {@code config}: what it learns its tree from. */
    public ApplicationContext contextFor(AppVersion version, Map<String, Object> config) {
        return new AppContext(name, version.version(), config);
    }

    /**
     * Forgets the old version (the purge decided nothing runs it any more).
     *
     * @return the version dropped, or null if there was none
     */
    public synchronized AppVersion dropOld() {
        AppVersion dropped = old;
        old = null;
        return dropped;
    }

    /**
     * Replaces the configuration, without telling the application (see {@link #configChanged}).
     *
     * @return the previous configuration, for undo
     */
    public Map<String, Object> setConfig(Map<String, Object> next) {
        Map<String, Object> before = config;
        config = Map.copyOf(next);
        return before;
    }

    /** Tells the current version's start class what changed between two configurations, if anything did. */
    public void configChanged(Map<String, Object> before, Map<String, Object> after) {
        ConfigDiff diff = ConfigDiff.between(before, after);
        if (!diff.isEmpty()) {
            Application c = callback;
            appCode(current, () -> {
                c.configChange(diff.changed(), diff.added(), diff.removed());
                return null;
            });
        }
    }

    /** Stops the servers in reverse start order, then calls the start class's stop. Idempotent. */
    public void stop() {
        if (status == ApplicationStatus.STOPPED) {
            return;
        }
        supervisor.stop("shutdown");
        try {
            Application c = callback;
            appCode(current, () -> {
                c.stop(context());
                return null;
            });
        } catch (RuntimeException e) {
            failure = "stop threw " + e;
        }
        status = ApplicationStatus.STOPPED;
    }

    private ApplicationContext context() {
        return new AppContext(name, current.version(), config);
    }

    @Override
    public String toString() {
        AppVersion o = old;
        return current.id() + (o == null ? "" : " (old " + o.id() + ")") + " " + status;
    }
}
