package dev.hotrel.mbeans;

import dev.hotrel.config.Config;
import dev.hotrel.config.ConfigKey;
import dev.hotrel.runtime.server.Incarnation;
import dev.hotrel.runtime.server.ServerProcess;

import javax.management.MBeanException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The {@link ServerMXBean} of one server. */
final class ServerBean implements ServerMXBean {

    private final ServerProcess server;
    private final Config config;
    private final Supplier<String> nodeState;

    ServerBean(ServerProcess server, Config config, Supplier<String> nodeState) {
        this.server = server;
        this.config = config;
        this.nodeState = nodeState;
    }

    @Override
    public String getStatus() {
        return server.status().name();
    }

    @Override
    public String getVersion() {
        Incarnation code = server.code();
        return code == null ? "" : code.version().version();
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
        long timeout = config.getLong(ConfigKey.SUSPEND_TIMEOUT);
        Failures.run(nodeState, () -> {
            if (!server.suspend(timeout, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("server " + server.name() + " did not finish its current message within "
                        + timeout + " ms; it starts no new one and is suspended once that one ends (resume() undoes it)");
            }
        });
    }

    @Override
    public void resume() {
        server.resume();
    }

    @Override
    public String getState() throws MBeanException {
        return Failures.call(nodeState, () -> {
            Incarnation code = server.code();
            if (code == null) {
                throw new IllegalStateException("server " + server.name() + " is " + server.status() + " and has no state now");
            }
            return (String) server.inspect(state -> code.version().stateAsJson(state), 5, TimeUnit.SECONDS);
        });
    }
}
