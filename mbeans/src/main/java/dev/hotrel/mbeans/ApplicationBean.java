package dev.hotrel.mbeans;

import dev.hotrel.handler.ApplicationControl;
import dev.hotrel.handler.ServerControl;
import dev.hotrel.runtime.purge.Purge;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.runtime.server.Registry;

import javax.management.MBeanException;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * The {@link ApplicationMXBean} of one application, a thin layer over {@link ApplicationControl}
 * and, for its servers, {@link ServerControl}: it outlives stops, so start() can bring the
 * application back.
 *
 * <p>{@code Servers} reads the node's registry, as the reconcile does (so it lists exactly the
 * servers that Server MBeans would stand for), without waiting for any lock of the node: it answers
 * while an install runs. Its cost is one pass over the node's servers and one row per server of
 * this application; nothing is kept between reads.
 */
final class ApplicationBean implements ApplicationMXBean {

    private static final Comparator<ServerInfo> BY_NAME = Comparator.comparing(ServerInfo::getName);

    private final String name;
    private final ApplicationControl applications;
    private final ServerControl servers;
    private final Registry registry;
    private final Supplier<String> nodeState;
    /** Set by {@link NodeMBeans}'s reconcile, after it registered or unregistered the servers' MBeans. */
    private volatile boolean serverMBeans = true;

    ApplicationBean(String name, ApplicationControl applications, ServerControl servers, Registry registry,
                    Supplier<String> nodeState) {
        this.name = name;
        this.applications = applications;
        this.servers = servers;
        this.registry = registry;
        this.nodeState = nodeState;
    }

    void serverMBeans(boolean registered) {
        serverMBeans = registered;
    }

    @Override
    public ServerInfo[] getServers() {
        return registry.all().stream().filter(s -> s.app().equals(name)).map(ServerInfo::of).sorted(BY_NAME)
                .toArray(ServerInfo[]::new);
    }

    @Override
    public boolean isServerMBeans() {
        return serverMBeans;
    }

    @Override
    public void suspendServer(String server) throws MBeanException {
        Failures.run(nodeState, () -> servers.suspend(name, server));
    }

    @Override
    public void resumeServer(String server) throws MBeanException {
        Failures.run(nodeState, () -> servers.resume(name, server));
    }

    @Override
    public String serverState(String server) throws MBeanException {
        return Failures.call(nodeState, () -> servers.state(name, server));
    }

    @Override
    public String getVersion() {
        return applications.info(name).version();
    }

    @Override
    public String getOldVersion() {
        return applications.info(name).oldVersion();
    }

    @Override
    public String getStatus() {
        return applications.info(name).status();
    }

    @Override
    public String getFailure() {
        return applications.info(name).failure();
    }

    @Override
    public void start() throws MBeanException {
        Failures.run(nodeState, () -> applications.start(name));
    }

    @Override
    public void stop() throws MBeanException {
        Failures.run(nodeState, () -> applications.stop(name));
    }

    @Override
    public void restart() throws MBeanException {
        Failures.run(nodeState, () -> applications.restart(name));
    }

    @Override
    public String purge() throws MBeanException {
        return Failures.call(nodeState, () -> describe(applications.purge(name, PurgeMode.BRUTAL)));
    }

    @Override
    public String softPurge() throws MBeanException {
        return Failures.call(nodeState, () -> describe(applications.purge(name, PurgeMode.SOFT)));
    }

    private String describe(Purge.Result r) {
        if (r.purged() == null) {
            return name + " has no old code to purge";
        }
        return "purged " + r.purged() + (r.restarted().isEmpty() ? "" : "; restarted on current code: " + String.join(", ", r.restarted()));
    }
}
