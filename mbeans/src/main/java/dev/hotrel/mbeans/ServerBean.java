package dev.hotrel.mbeans;

import dev.hotrel.handler.ServerControl;
import dev.hotrel.runtime.server.ServerProcess;

import javax.management.MBeanException;
import java.util.function.Supplier;

/**
 * The {@link ServerMXBean} of one server. Its attributes are reads of the server; its operations go
 * through the release handler's {@link ServerControl}, serialized with installs (busy while one runs).
 */
final class ServerBean implements ServerMXBean {

    private final ServerProcess server;
    private final ServerControl control;
    private final Supplier<String> nodeState;

    ServerBean(ServerProcess server, ServerControl control, Supplier<String> nodeState) {
        this.server = server;
        this.control = control;
        this.nodeState = nodeState;
    }

    @Override
    public String getStatus() {
        return server.status().name();
    }

    @Override
    public String getVersion() {
        return ServerInfo.versionOf(server);
    }

    @Override
    public int getQueueLength() {
        return server.queueLength();
    }

    @Override
    public int getRestarts() {
        return server.restarts();
    }

    @Override
    public void suspend() throws MBeanException {
        Failures.run(nodeState, () -> control.suspend(server.app(), server.name()));
    }

    @Override
    public void resume() throws MBeanException {
        Failures.run(nodeState, () -> control.resume(server.app(), server.name()));
    }

    @Override
    public String getState() throws MBeanException {
        return Failures.call(nodeState, () -> control.state(server.app(), server.name()));
    }
}
