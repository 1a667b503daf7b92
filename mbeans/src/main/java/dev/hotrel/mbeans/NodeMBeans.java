package dev.hotrel.mbeans;

import dev.hotrel.handler.HandlerListener;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's management surface in an MBeanServer, kept in step with the node: the release
 * handler, one MBean per application of the running release (running or stopped), one per
 * server. After every event the registered set is reconciled with the node, so applications and
 * servers appear and disappear as releases change. {@link #close()} takes back exactly what was
 * registered.
 */
public final class NodeMBeans implements AutoCloseable {

    public static final ObjectName RELEASE_HANDLER = Registrations.name("hotrel:type=ReleaseHandler");
    private static final long RECONCILE_WAIT_MILLIS = 100;

    private final ReleaseHandler handler;
    private final Registrations registrations;
    private final ReleaseHandlerBean handlerBean;
    private final Notifications notifications = new Notifications(RELEASE_HANDLER);
    private final Map<ObjectName, Object> beans = new ConcurrentHashMap<>();
    private final Reconciler reconciler = new Reconciler();
    /** Set by every event, cleared by the thread that matches the MBeans to the node next. */
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ReentrantLock reconciling = new ReentrantLock();
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();

    private NodeMBeans(ReleaseHandler handler, MBeanServer server) {
        this.handler = handler;
        this.registrations = new Registrations(server);
        this.handlerBean = new ReleaseHandlerBean(handler);
    }

    /** Registers the node's MBeans and starts keeping them in step. */
    public static NodeMBeans register(ReleaseHandler handler, MBeanServer server) {
        NodeMBeans mbeans = new NodeMBeans(handler, server);
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

    /** Registers and unregisters so that applications of the running release or running, and servers, have MBeans. */
    private void match() {
        Set<ObjectName> wanted = new HashSet<>();
        Set<String> apps = new HashSet<>();
        handler.current().applications().stream().map(AppRef::name).forEach(apps::add);
        handler.node().applications().stream().map(RunningApplication::name).forEach(apps::add);
        for (String app : apps) {
            ObjectName name = applicationName(app);
            wanted.add(name);
            if (!beans.containsKey(name)) {
                add(name, new DescribedMBean<>(new ApplicationBean(app, handler.applications(), handlerBean::nodeState), ApplicationMXBean.class, null));
            }
        }
        for (ServerProcess server : handler.node().registry().all()) {
            ObjectName name = serverName(server.app(), server.name());
            wanted.add(name);
            Object existing = beans.get(name);
            if (existing == null || ((ServerBeanHolder) existing).server != server) {
                add(name, new ServerBeanHolder(server, new ServerView(new ServerBean(server, handler.servers(), handlerBean::nodeState))));
            }
        }
        for (ObjectName name : Set.copyOf(beans.keySet())) {
            if (!wanted.contains(name)) {
                registrations.unregister(name);
                beans.remove(name);
            }
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
