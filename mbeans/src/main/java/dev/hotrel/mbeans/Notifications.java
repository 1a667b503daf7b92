package dev.hotrel.mbeans;

import dev.hotrel.handler.GateStatus;
import dev.hotrel.handler.HandlerListener;
import dev.hotrel.handler.PendingRestart;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.runtime.NodeListener;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.purge.LeakReport;
import dev.hotrel.runtime.server.ServerProcess;

import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JMX notification for every lifecycle transition of the node, emitted by
 * {@code hotrel:type=ReleaseHandler} so that one subscription (JConsole's Notifications tab,
 * Jolokia's notification API) sees everything. Each carries a CompositeData with the details.
 */
final class Notifications extends NotificationBroadcasterSupport implements HandlerListener, NodeListener {

    static final String UNPACKED = "hotrel.release.unpacked";
    static final String INSTALL_STARTED = "hotrel.install.started";
    static final String INSTALLED = "hotrel.release.installed";
    static final String ROLLED_BACK = "hotrel.install.rolledBack";
    static final String PERMANENT = "hotrel.release.permanent";
    static final String RESTART_REQUESTED = "hotrel.node.restartRequested";
    static final String REMOVED = "hotrel.release.removed";
    static final String HEALTH_TRIAL = "hotrel.health.trial";
    static final String HEALTH_PASSED = "hotrel.health.passed";
    static final String HEALTH_FAILED = "hotrel.health.failed";
    static final String HEALTH_ENDED = "hotrel.health.ended";
    static final String PURGE_REFUSED = "hotrel.purge.refused";
    static final String LEAKED_LOADER = "hotrel.loader.leaked";
    static final String SERVER_RESTARTED = "hotrel.server.restarted";
    static final String APPLICATION_STARTED = "hotrel.application.started";
    static final String APPLICATION_STOPPED = "hotrel.application.stopped";
    static final String APPLICATION_FAILED = "hotrel.application.failed";

    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(UNPACKED, "A release was unpacked into the release root");
        TYPES.put(INSTALL_STARTED, "An install (upgrade, downgrade or rollback) started");
        TYPES.put(INSTALLED, "A release was installed: the node runs it now (warnings: failures after the commit; "
                + "notRunning: its applications that do not run, which keep it from being made permanent)");
        TYPES.put(ROLLED_BACK, "An install failed before its commit and was undone in place");
        TYPES.put(PERMANENT, "A release was made permanent: the node boots it");
        TYPES.put(RESTART_REQUESTED, "An installed release asked for a node restart: it boots on the next start, once, "
                + "as a trial, and the node restarts now (restarting true) or when whoever runs it starts it again");
        TYPES.put(HEALTH_TRIAL, "A release with a health gate was installed: the node probes it before keeping it");
        TYPES.put(HEALTH_PASSED, "A release's health gate passed (or the operator made it permanent during the trial)");
        TYPES.put(HEALTH_FAILED, "A release's health gate failed: the node went back to the release it came from (or "
                + "tried, and says why not)");
        TYPES.put(HEALTH_ENDED, "A trial was ended by the operator's rollback");
        TYPES.put(REMOVED, "A release was removed from the release root");
        TYPES.put(PURGE_REFUSED, "A soft purge was refused: old code is still running and stays loaded");
        TYPES.put(LEAKED_LOADER, "A purged application version's classloader was not collected");
        TYPES.put(SERVER_RESTARTED, "A server was started again (crash, purge, restart)");
        TYPES.put(APPLICATION_STARTED, "An application started");
        TYPES.put(APPLICATION_STOPPED, "An application stopped");
        TYPES.put(APPLICATION_FAILED, "An application's supervisor gave up after too many restarts");
    }

    private final ObjectName source;
    private final AtomicLong sequence = new AtomicLong();
    /** Whether anyone ever subscribed: until then a notification would be built for nobody, on every install. */
    private volatile boolean heard;

    Notifications(ObjectName source) {
        super(info());
        this.source = source;
    }

    private static MBeanNotificationInfo[] info() {
        return TYPES.entrySet().stream()
                .map(e -> new MBeanNotificationInfo(new String[] {e.getKey()}, Notification.class.getName(), e.getValue()))
                .toArray(MBeanNotificationInfo[]::new);
    }

    @Override
    public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
        super.addNotificationListener(listener, filter, handback);
        heard = true;
    }

    private void emit(String type, String message, Map<String, Object> data) {
        if (!heard) {
            return;
        }
        Notification n = new Notification(type, source, sequence.incrementAndGet(), System.currentTimeMillis(), message);
        n.setUserData(OpenData.composite(type.replace('.', '_'), TYPES.get(type), data));
        sendNotification(n);
    }

    @Override
    public void unpacked(String release) {
        emit(UNPACKED, "unpacked " + release, Map.of("release", release));
    }

    @Override
    public void installStarted(String from, String to) {
        if (!heard) {
            return; // every install tells this: build nothing for nobody
        }
        emit(INSTALL_STARTED, "installing " + to + " (from " + from + ")", ordered("from", from, "to", to));
    }

    @Override
    public void installed(InstallReport r) {
        if (!heard) {
            return;
        }
        // A release installed with failures says so in the message itself, where a console shows it.
        String problems = r.warnings().isEmpty() ? "" : "; with " + r.warnings().size() + " warning(s): " + String.join("; ", r.warnings());
        emit(INSTALLED, "installed " + r.to() + " (from " + r.from() + "): " + r.moved().size() + " server(s) moved, longest pause "
                + r.longestPauseMicros() + " µs" + problems, ordered("from", r.from(), "to", r.to(), "moved", r.moved().toArray(String[]::new),
                "longestPauseMicros", r.longestPauseMicros(), "warnings", r.warnings().toArray(String[]::new),
                "notRunning", r.notRunning().toArray(String[]::new)));
    }

    @Override
    public void rolledBack(String to, String message) {
        emit(ROLLED_BACK, message, ordered("to", to, "message", message));
    }

    @Override
    public void restartRequested(PendingRestart r) {
        emit(RESTART_REQUESTED, r.message(), ordered("from", r.from(), "to", r.to(), "permanent", r.permanent(),
                "restarting", r.automatic()));
    }

    @Override
    public void healthGate(GateStatus s) {
        String type = switch (s.state()) {
            case NONE, TRIAL -> HEALTH_TRIAL;
            case HEALTHY, ACCEPTED -> HEALTH_PASSED;
            case ROLLED_BACK, ROLLBACK_FAILED -> HEALTH_FAILED;
            case ABANDONED -> HEALTH_ENDED;
        };
        emit(type, "health gate of " + s.describe(), ordered("release", s.release(), "from", s.from(), "state", s.state().label(),
                "passes", s.passes(), "passesNeeded", s.passesNeeded(), "probes", s.probes(),
                "reason", s.reason() == null ? "" : s.reason()));
    }

    @Override
    public void madePermanent(String release) {
        emit(PERMANENT, release + " is permanent", Map.of("release", release));
    }

    @Override
    public void removed(String release) {
        emit(REMOVED, "removed " + release, Map.of("release", release));
    }

    @Override
    public void purgeRefused(String message) {
        emit(PURGE_REFUSED, message, Map.of("message", message));
    }

    @Override
    public void leakedLoader(LeakReport report) {
        emit(LEAKED_LOADER, report.toString(), ordered("loader", report.loader(), "purgedAt", report.purgedAt().toString(),
                "suspects", report.suspects().toArray(String[]::new)));
    }

    @Override
    public void serverRestarted(ServerProcess server, String reason) {
        emit(SERVER_RESTARTED, "server " + server.app() + "/" + server.name() + " restarted: " + reason,
                ordered("app", server.app(), "server", server.name(), "reason", reason));
    }

    @Override
    public void applicationStarted(RunningApplication app) {
        emit(APPLICATION_STARTED, "started " + app.current().id(), ordered("app", app.name(), "version", app.current().version()));
    }

    @Override
    public void applicationStopped(RunningApplication app) {
        emit(APPLICATION_STOPPED, "stopped " + app.current().id(), ordered("app", app.name(), "version", app.current().version()));
    }

    @Override
    public void applicationFailed(RunningApplication app) {
        emit(APPLICATION_FAILED, "application " + app.name() + " failed: " + app.failure(),
                ordered("app", app.name(), "failure", String.valueOf(app.failure())));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
