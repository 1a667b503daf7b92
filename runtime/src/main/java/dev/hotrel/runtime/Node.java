package dev.hotrel.runtime;

import dev.hotrel.api.CallException;
import dev.hotrel.api.Hotrel;
import dev.hotrel.api.NodeBinding;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.ApiGate;
import dev.hotrel.runtime.code.AppLoader;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.purge.LeakReport;
import dev.hotrel.runtime.purge.LoaderWatch;
import dev.hotrel.runtime.purge.Purge;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.runtime.server.ChannelWatcher;
import dev.hotrel.runtime.server.Registry;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.supervisor.ServerEvents;

import java.nio.channels.SelectableChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Hotrel node: the running applications, the registry of their servers, the threads that run
 * server loops, timers and channel watches, and the watch on purged loaders. It serves
 * {@link Hotrel} for everything in its JVM (one node per JVM).
 *
 * <p>This is the transport-free core the release handler drives; it knows nothing of releases,
 * archives, JMX or HTTP. Its lifecycle methods are not serialized here: the release handler
 * serializes them.
 */
public final class Node implements NodeBinding.Target, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.hotrel.node");

    private final ApiGate gate = new ApiGate();
    private final Registry registry = new Registry();
    private final ExecutorService executor = Executors.newCachedThreadPool(daemons("hotrel-server-"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemons("hotrel-timer-"));
    private final ChannelWatcher channels = new ChannelWatcher();
    private final Consumer<ServerProcess> releaseChannels = channels::release;
    private final LoaderWatch loaders = new LoaderWatch();
    private final Map<String, RunningApplication> applications = new LinkedHashMap<>();
    private final NodeEvents events = new NodeEvents(daemons("hotrel-events-"));
    private final java.util.Set<String> starting = new java.util.HashSet<>(); // guarded by applications
    private final ServerEvents serverEvents = new ServerEvents() {
        @Override
        public void started(ServerProcess server) {
            tell(l -> l.serverStarted(server));
        }

        @Override
        public void restarted(ServerProcess server, String reason) {
            tell(l -> l.serverRestarted(server, reason));
        }

        @Override
        public void stopped(ServerProcess server, String reason) {
            tell(l -> l.serverStopped(server, reason));
        }
    };

    /** Set once by {@link #start}, before the node is handed out. */
    private NodeBinding binding;

    private Node() {
    }

    /**
     * Starts an empty node and binds it to {@link Hotrel}.
     *
     * @throws IllegalStateException if another node runs in this JVM
     */
    public static Node start() {
        Node node = new Node();
        try {
            node.binding = NodeBinding.bind(node);
        } catch (IllegalStateException e) {
            node.shutdownThreads();
            throw e;
        }
        return node;
    }

    /**
     * Starts an empty node that is not bound to {@link Hotrel}, beside the one that is: its servers
     * must not use the facade (their calls would reach the bound node). For the release handler's
     * practice run, which installs a private release on a node of its own after boot.
     */
    public static Node startDetached() {
        return new Node();
    }

    // ---- applications ------------------------------------------------------------------------

    /**
     * Loads an application version into a new loader {@code app@version}.
     *
     * @throws IllegalStateException if the application already has an old version loaded (at most
     *         two versions are loaded at once: purge first)
     */
    public AppVersion load(String app, String version, List<Path> jars) {
        RunningApplication running = application(app).orElse(null);
        if (running != null && running.old() != null) {
            throw new IllegalStateException("cannot load " + app + "@" + version + ": " + running.current().id()
                    + " and " + running.old().id() + " are loaded; purge " + running.old().id() + " first");
        }
        return AppVersion.load(app, version, jars, gate);
    }

    /**
     * Loads an application version for a release switch that has not run yet (a check, or an
     * install before its switch). Unlike {@link #load} it may stand beside an old version still
     * loaded: staged code runs nothing, and the switch itself purges the old version first (at most
     * two versions of an application <em>run</em>). Retire it with {@link #discard} if no switch follows.
     */
    public AppVersion stage(String app, String version, List<Path> jars) {
        return AppVersion.load(app, version, jars, gate);
    }

    /**
     * Starts an application on {@code version}.
     *
     * @throws IllegalStateException if it already runs, or its start failed (nothing of it stays running)
     */
    public RunningApplication startApplication(AppVersion version, String startClass, Map<String, Object> config) {
        String name = version.app();
        synchronized (applications) {
            RunningApplication existing = applications.get(name);
            if (existing != null) {
                throw new IllegalStateException("application " + name + " already runs (" + existing + ")");
            }
            if (!starting.add(name)) {
                throw new IllegalStateException("application " + name + " is being started by someone else");
            }
        }
        // Started outside the table's lock: the application's own code (start, every init) runs here,
        // and nothing it does may wait for a lock of the node's.
        RunningApplication app;
        try {
            app = RunningApplication.start(version, startClass, config, registry, executor, timers, failed -> {
                LOG.log(System.Logger.Level.ERROR, "application " + failed.name() + " failed: " + failed.failure());
                tell(l -> l.applicationFailed(failed));
            }, serverEvents);
        } finally {
            synchronized (applications) {
                starting.remove(name);
            }
        }
        synchronized (applications) {
            applications.put(name, app);
        }
        LOG.log(System.Logger.Level.DEBUG, "started " + version.id());
        tell(l -> l.applicationStarted(app));
        return app;
    }

    /** Stops an application (servers in reverse start order) and forgets it. Idempotent. */
    public void stopApplication(String name) {
        RunningApplication app;
        synchronized (applications) {
            app = applications.remove(name);
        }
        if (app != null) {
            app.stop();
            // A stopped application's code is gone for good: retire it and prove it is collected.
            for (AppVersion version : new AppVersion[] {app.old(), app.current()}) {
                if (version != null) {
                    discard(version);
                }
            }
            LOG.log(System.Logger.Level.DEBUG, "stopped " + app.current().id());
            tell(l -> l.applicationStopped(app));
        }
    }

    public Optional<RunningApplication> application(String name) {
        synchronized (applications) {
            return Optional.ofNullable(applications.get(name));
        }
    }

    /** The running applications, in start order. */
    public List<RunningApplication> applications() {
        synchronized (applications) {
            return List.copyOf(applications.values());
        }
    }

    /**
     * Adds a listener to what happens on this node. Listeners hear events on the node's event
     * thread, in order, never on the thread (nor under the lock) that caused them; see
     * {@link #settleEvents}.
     */
    public void addListener(NodeListener listener) {
        events.add(listener);
    }

    public void removeListener(NodeListener listener) {
        events.remove(listener);
    }

    /**
     * Waits (at most five seconds) until every event so far reached the listeners: what a lifecycle
     * operation does before it returns, so that the management view is in step with the node.
     */
    public void settleEvents() {
        if (!events.settle(5, TimeUnit.SECONDS)) {
            LOG.log(System.Logger.Level.WARNING, "node listeners are more than 5 s behind (a listener is slow or stuck)");
        }
    }

    /**
     * Runs {@code delivery} on the node's event thread, after every event told before it: how the
     * layers above deliver their own events (the release handler's steps, for one) in the same order
     * as the node's and off the thread that made them, so that no listener (a console line, a JMX
     * notification) runs inside an upgrade's pause. {@link #settleEvents} waits for it too.
     */
    public void deliver(Runnable delivery) {
        events.post(delivery);
    }

    private void tell(Consumer<NodeListener> event) {
        events.tell(event);
    }

    /**
     * Runs application code that is not a server's callback (a start class's methods, an {@code
     * apply}) on a node thread, waiting for it: see {@link dev.hotrel.runtime.server.NodeThread}.
     */
    /** Runs {@code body} on a node thread without waiting for it; the future completes with its result or failure. */
    public <R> java.util.concurrent.CompletableFuture<R> onNodeThreadLater(java.util.function.Supplier<R> body) {
        return java.util.concurrent.CompletableFuture.supplyAsync(body, executor);
    }

    public <R> R onNodeThread(java.util.function.Supplier<R> body) {
        return dev.hotrel.runtime.server.NodeThread.run(executor, body);
    }

    public Registry registry() {
        return registry;
    }

    // ---- purge and leaks -----------------------------------------------------------------------

    /**
     * Purges an application's old code; see {@link Purge#run}.
     *
     * @throws IllegalArgumentException if the application does not run
     */
    public Purge.Result purge(String app, PurgeMode mode) {
        RunningApplication running = application(app)
                .orElseThrow(() -> new IllegalArgumentException("application " + app + " does not run"));
        return Purge.run(running, mode, loaders);
    }

    /** Retires a loaded version that runs no more: a staged one never installed, or a stopped application's. */
    public void discard(AppVersion version) {
        AppLoader loader = version.retire();
        if (loader != null) {
            loaders.watch(loader);
        }
    }

    /** Checks that purged loaders were collected; see {@link LoaderWatch#check}. */
    public List<LeakReport> checkLoaders(long timeout, TimeUnit unit) {
        return loaders.check(timeout, unit);
    }

    public LoaderWatch loaders() {
        return loaders;
    }

    // ---- NodeBinding.Target: what Hotrel's static methods do ---------------------------------------------

    @Override
    public Object call(String server, Object request, long timeout, TimeUnit unit) {
        ServerProcess target = registry.lookup(server);
        ServerProcess caller = ServerProcess.current();
        if (caller == target) {
            throw new CallException(server, "server '" + server + "' called itself: it would wait for its own reply forever", null);
        }
        checkCrossing(request, "request", target.app());
        if (caller == null) {
            return target.call(request, timeout, unit);
        }
        // Who waits on whom: lets a suspend set answer its draining members, and names cycles.
        refuseCycle(caller, target);
        caller.waitOn(target);
        Object reply;
        try {
            reply = target.call(request, timeout, unit);
        } finally {
            caller.waitOn(null);
        }
        checkCrossing(reply, "reply of '" + server + "'", caller.app());
        return reply;
    }

    /** A call that would close a cycle of waiting servers fails at once instead of timing out. */
    private static void refuseCycle(ServerProcess caller, ServerProcess target) {
        ServerProcess s = target.waitingOn();
        for (int hops = 0; s != null && hops < 64; hops++) {
            if (s == caller) {
                StringBuilder chain = new StringBuilder(caller.name()).append(" waits on ").append(target.name());
                for (ServerProcess w = target.waitingOn(); w != null && w != caller; w = w.waitingOn()) {
                    chain.append(" waits on ").append(w.name());
                }
                chain.append(" waits on ").append(caller.name());
                throw new CallException(target.name(), "call from '" + caller.name() + "' to '" + target.name()
                        + "' would deadlock: " + chain + "; make one of these a cast, or reply without calling back", null);
            }
            s = s.waitingOn();
        }
    }

    @Override
    public void cast(String server, Object message) {
        ServerProcess target = registry.lookup(server);
        checkCrossing(message, "message", target.app());
        target.cast(message);
    }

    @Override
    public void send(String server, Object message) {
        ServerProcess target = registry.lookup(server);
        checkCrossing(message, "message", target.app());
        target.send(message);
    }

    @Override
    public boolean exists(String server) {
        return registry.find(server) != null;
    }

    @Override
    public String self() {
        return self("self").name();
    }

    @Override
    public dev.hotrel.api.TimerRef sendAfter(long delay, TimeUnit unit, Object message) {
        return self("sendAfter").sendAfter(timers, delay, unit, message);
    }

    @Override
    public dev.hotrel.api.ReplyTo replyTo() {
        return self("replyTo").replyTo();
    }

    @Override
    public void continueWith(Object continuation) {
        self("continueWith").continueWith(continuation);
    }

    @Override
    public dev.hotrel.api.MonitorRef monitor(String server) {
        return self("monitor").monitor(registry.find(server), server);
    }

    @Override
    public void watchWritable(SelectableChannel channel, Object tag) {
        ServerProcess server = self("watchWritable");
        server.onIncarnationEnd(releaseChannels);
        channels.watchWritable(channel, tag, server);
    }

    @Override
    public void watch(SelectableChannel channel, Object tag) {
        ServerProcess server = self("watch");
        // What an incarnation watched is let go when it ends, before its supervisor restarts it.
        server.onIncarnationEnd(releaseChannels);
        channels.watch(channel, tag, server);
    }

    @Override
    public void unwatch(SelectableChannel channel) {
        channels.unwatch(Objects.requireNonNull(channel, "channel"));
    }

    private static ServerProcess self(String what) {
        ServerProcess current = ServerProcess.current();
        if (current == null) {
            throw new IllegalStateException("Hotrel." + what + "() works only inside a server callback");
        }
        return current;
    }

    /** Application types may not cross into another application: its loader cannot see them. */
    private static void checkCrossing(Object value, String what, String toApp) {
        if (value != null && value.getClass().getClassLoader() instanceof AppLoader from && !from.app().equals(toApp)) {
            throw new IllegalArgumentException(what + " of type " + value.getClass().getName() + " from "
                    + from.getName() + " cannot cross into application " + toApp
                    + ": only JDK and dev.hotrel.api types cross application boundaries");
        }
    }

    // ---- shutdown ---------------------------------------------------------------------------

    /** Stops every application in reverse start order, then the node's threads. Idempotent. */
    @Override
    public void close() {
        List<RunningApplication> running = new ArrayList<>(applications());
        for (int i = running.size() - 1; i >= 0; i--) {
            stopApplication(running.get(i).name());
        }
        shutdownThreads();
        if (binding != null) {
            binding.close();
        }
    }

    private void shutdownThreads() {
        loaders.close();
        events.close();
        channels.close();
        timers.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Threads for the node's pools. Pools grow lazily, so a thread may be made while an
     * application callback runs on the creating thread; a new thread inherits from its creator a
     * context classloader and an access control context (the protection domains of the classes on
     * the stack), and either would pin that application's loader for the thread's whole life. So
     * the loader is reset and the thread is made in a privileged block, whose context holds only
     * the node's own code.
     */
    @SuppressWarnings("removal")
    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ClassLoader nodeLoader = Node.class.getClassLoader();
        return r -> java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Thread>) () -> {
            Thread t = new dev.hotrel.runtime.server.NodeThread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(nodeLoader);
            return t;
        });
    }
}
