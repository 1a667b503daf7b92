package dev.hotrel.mbeans;

import dev.hotrel.config.Config;
import dev.hotrel.config.ConfigKey;
import dev.hotrel.handler.HandlerListener;
import dev.hotrel.mbeans.access.Caller;
import dev.hotrel.handler.ReleaseHandler;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.mbeans.jmx.DescribedMBean;
import dev.hotrel.mbeans.jmx.Registrations;
import dev.hotrel.release.AppRef;
import dev.hotrel.runtime.NodeListener;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's management surface in an MBeanServer, kept in step with the node: the release
 * handler, one MBean per application of the running release (running or stopped), and one per
 * server of each application that runs at most {@code serverMBeans} servers. After every burst of
 * events the registered set is reconciled with the node, so applications and servers appear and
 * disappear as releases change. {@link #close()} takes back exactly what was registered.
 *
 * <h2>Servers: one MBean each, or their application's MBean</h2>
 * A Server MBean costs heap per server (its ObjectName alone is about 400 bytes, then the
 * MBeanServer's repository entries and ours), and a JConsole tree of ten thousand server nodes
 * helps nobody. So the node registers {@code hotrel:type=Server,app=APP,name=SERVER} only for the
 * servers of an application that runs at most {@code serverMBeans} servers (a {@link
 * ConfigKey#SERVER_MBEANS setting}, default 100, given to {@link #register}):
 * <ul>
 *   <li>All or nothing per application: an application over the limit has no Server MBean at all,
 *       never a partial list that would look like the whole.</li>
 *   <li>Every server, with or without an MBean of its own, is shown and handled by its
 *       application's MBean: {@code Servers} (name, status, version, queueLength, restarts) and
 *       {@code suspendServer}, {@code resumeServer}, {@code serverState}, through the same
 *       {@code ServerControl} as a Server MBean's operations. {@code ServerMBeans} says which way
 *       an application is shown now.</li>
 *   <li>An application that crosses the limit, either way (an install that adds or removes
 *       servers, a start, a stop), gets or loses its Server MBeans at the next reconcile.</li>
 *   <li>The first time an application is over the limit the node logs why, once per application
 *       (logger {@code dev.hotrel.mbeans}, INFO).</li>
 * </ul>
 * Above the limit, the management surface keeps nothing per server: rows of {@code Servers} are
 * made when read, and dropped.
 *
 * <p>A reconcile is linear in the node's servers: one pass over the registry groups them by
 * application, then each application's servers are registered (under the limit) or skipped (over
 * it), then what is no longer wanted is unregistered.
 */
public final class NodeMBeans implements AutoCloseable {

    public static final ObjectName RELEASE_HANDLER = Registrations.name("hotrel:type=ReleaseHandler");
    private static final long RECONCILE_WAIT_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger("dev.hotrel.mbeans");

    private final ReleaseHandler handler;
    private final long serverMBeansLimit;
    private final Registrations registrations;
    private final ReleaseHandlerBean handlerBean;
    private final Notifications notifications = new Notifications(RELEASE_HANDLER);
    private final Map<ObjectName, Object> beans = new ConcurrentHashMap<>();
    /** The Application MBeans' implementations, by application, to tell them how their servers are shown. */
    private final Map<String, ApplicationBean> applicationBeans = new ConcurrentHashMap<>();
    /** Applications whose going over the limit was logged (once each). */
    private final Set<String> toldOverLimit = ConcurrentHashMap.newKeySet();
    private final Reconciler reconciler = new Reconciler();
    /** Set by every event, cleared by the thread that matches the MBeans to the node next. */
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ReentrantLock reconciling = new ReentrantLock();
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();

    private NodeMBeans(ReleaseHandler handler, MBeanServer server, long serverMBeansLimit) {
        if (serverMBeansLimit < 0) {
            throw new IllegalArgumentException("setting '" + ConfigKey.SERVER_MBEANS.key() + "' must be 0 or more (0: no "
                    + "Server MBeans at all), got " + serverMBeansLimit);
        }
        this.handler = handler;
        this.serverMBeansLimit = serverMBeansLimit;
        this.registrations = new Registrations(server);
        this.handlerBean = new ReleaseHandlerBean(handler);
    }

    /**
     * Registers the node's MBeans and starts keeping them in step, with the {@link
     * ConfigKey#SERVER_MBEANS} limit of this JVM's settings ({@code -Dhotrel.serverMBeans},
     * {@code HOTREL_SERVER_MBEANS}, else 100): for embedders without a {@link Config} of their own.
     *
     * @throws IllegalArgumentException if that setting is not a whole number of 0 or more
     */
    public static NodeMBeans register(ReleaseHandler handler, MBeanServer server) {
        return register(handler, server, Config.of(Map.of()).getLong(ConfigKey.SERVER_MBEANS));
    }

    /**
     * Registers the node's MBeans and starts keeping them in step.
     *
     * @param serverMBeansLimit the most servers an application may run and have one MBean per
     *                          server ({@link ConfigKey#SERVER_MBEANS}); 0 registers no Server MBean
     * @throws IllegalArgumentException if the limit is negative
     */
    public static NodeMBeans register(ReleaseHandler handler, MBeanServer server, long serverMBeansLimit) {
        NodeMBeans mbeans = new NodeMBeans(handler, server, serverMBeansLimit);
        handler.setCaller(Caller::name); // the audit log names the management user of each operation
        mbeans.registrations.register(RELEASE_HANDLER,
                new DescribedMBean<>(mbeans.handlerBean, ReleaseHandlerMXBean.class, mbeans.notifications));
        handler.addListener(mbeans.notifications);
        handler.node().addListener(mbeans.notifications);
        handler.addListener(mbeans.reconciler);
        handler.node().addListener(mbeans.reconciler);
        mbeans.reconcile();
        return mbeans;
    }

    public static ObjectName applicationName(String app) {
        return Registrations.name("hotrel:type=Application,name=" + app);
    }

    public static ObjectName serverName(String app, String server) {
        return Registrations.name("hotrel:type=Server,app=" + app + ",name=" + server);
    }

    /**
     * Makes the registered MBeans match the node. Waits a little for another thread that is
     * reconciling, then leaves the work to it (it goes round once more): node events arrive from
     * threads that hold the node's locks (an application starting holds the node's application
     * table while its servers report), and that other thread may be waiting for one of those very
     * locks to read the node. Waiting for it without a bound would deadlock.
     */
    void reconcile() {
        dirty.set(true);
        do {
            try {
                if (!reconciling.tryLock(RECONCILE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return; // the holder sees `dirty` before it lets go, and matches again
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                while (dirty.getAndSet(false)) {
                    match();
                }
            } finally {
                reconciling.unlock();
            }
        } while (dirty.get());
    }

    /**
     * Registers and unregisters so that applications of the running release or running have MBeans,
     * and the servers of applications within the limit.
     */
    private void match() {
        Set<ObjectName> wanted = new HashSet<>();
        Set<String> apps = new HashSet<>();
        handler.current().applications().stream().map(AppRef::name).forEach(apps::add);
        handler.node().applications().stream().map(RunningApplication::name).forEach(apps::add);
        for (String app : apps) {
            ObjectName name = applicationName(app);
            wanted.add(name);
            if (!beans.containsKey(name)) {
                ApplicationBean bean = new ApplicationBean(app, handler.applications(), handler.servers(),
                        handler.node().registry(), handlerBean::nodeState);
                add(name, new DescribedMBean<>(bean, ApplicationMXBean.class, null));
                applicationBeans.put(app, bean);
            }
        }
        Map<String, List<ServerProcess>> serversByApp = new HashMap<>();
        for (ServerProcess server : handler.node().registry().all()) {
            serversByApp.computeIfAbsent(server.app(), a -> new ArrayList<>()).add(server);
        }
        for (Map.Entry<String, List<ServerProcess>> app : serversByApp.entrySet()) {
            if (!eachHasAnMBean(app.getValue().size())) {
                tellOverLimitOnce(app.getKey(), app.getValue().size());
                continue;
            }
            for (ServerProcess server : app.getValue()) {
                ObjectName name = serverName(server.app(), server.name());
                wanted.add(name);
                Object existing = beans.get(name);
                if (existing == null || ((ServerBeanHolder) existing).server != server) {
                    add(name, new ServerBeanHolder(server, new ServerView(new ServerBean(server, handler.servers(), handlerBean::nodeState))));
                }
            }
        }
        for (ObjectName name : Set.copyOf(beans.keySet())) {
            if (!wanted.contains(name)) {
                registrations.unregister(name);
                beans.remove(name);
            }
        }
        applicationBeans.keySet().retainAll(apps);
        // After the MBeans changed: a client that reads true finds them registered.
        applicationBeans.forEach((app, bean) ->
                bean.serverMBeans(eachHasAnMBean(serversByApp.getOrDefault(app, List.of()).size())));
    }

    private boolean eachHasAnMBean(int servers) {
        return servers <= serverMBeansLimit;
    }

    /**
     * Logs why an application has no Server MBeans, the first time it is over the limit. The count
     * is what it runs at that reconcile: one in the middle of a start or an install sees part of it.
     */
    private void tellOverLimitOnce(String app, int servers) {
        if (toldOverLimit.add(app)) {
            LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "application %s runs %,d server%s, over the %s limit "
                    + "of %,d: its servers are shown by its Application MBean (Servers attribute) instead of one MBean each",
                    app, servers, servers == 1 ? "" : "s", ConfigKey.SERVER_MBEANS.key(), serverMBeansLimit));
        }
    }

    private void add(ObjectName name, Object bean) {
        Object mbean = bean instanceof ServerBeanHolder h ? h.mbean : bean;
        registrations.register(name, mbean);
        beans.put(name, bean);
    }

    /** Remembers which server object a Server MBean stands for (a name can be reused by a new server). */
    private record ServerBeanHolder(ServerProcess server, Object mbean) {
    }

    @Override
    public void close() {
        registrations.close();
        beans.clear();
        applicationBeans.clear();
    }

    /**
     * Reconciles once for a burst of events: an application starting 10,000 servers tells 10,000
     * events, and matching the whole registry after each was quadratic. Queued behind the events on
     * the node's event thread, so an operation that settles its events returns with the MBeans in
     * step.
     */
    private void reconcileSoon() {
        if (!reconcileQueued.getAndSet(true)) {
            handler.node().deliver(() -> {
                reconcileQueued.set(false);
                reconcile();
            });
        }
    }

    /** Reconciles after anything that can change applications or servers. */
    private final class Reconciler implements NodeListener, HandlerListener {
        @Override
        public void applicationStarted(RunningApplication app) {
            reconcileSoon();
        }

        @Override
        public void applicationStopped(RunningApplication app) {
            reconcileSoon();
        }

        @Override
        public void applicationFailed(RunningApplication app) {
            reconcileSoon();
        }

        @Override
        public void serverStarted(ServerProcess server) {
            reconcileSoon();
        }

        @Override
        public void serverStopped(ServerProcess server, String reason) {
            reconcileSoon();
        }

        @Override
        public void installed(InstallReport report) {
            reconcileSoon();
        }

        @Override
        public void rolledBack(String to, String message) {
            reconcileSoon();
        }
    }
}
