package dev.hotrel.mbeans;

import dev.hotrel.runtime.server.Incarnation;
import dev.hotrel.runtime.server.ServerProcess;

import java.beans.ConstructorProperties;

/**
 * One server as management shows it: a row of an application's {@code Servers} (a CompositeData
 * to JConsole, a JSON object to Jolokia), with the same values as that server's own MBean's
 * attributes would have.
 */
public final class ServerInfo {

    private final String name;
    private final String status;
    private final String version;
    private final int queueLength;
    private final int restarts;

    @ConstructorProperties({"name", "status", "version", "queueLength", "restarts"})
    public ServerInfo(String name, String status, String version, int queueLength, int restarts) {
        this.name = name;
        this.status = status;
        this.version = version;
        this.queueLength = queueLength;
        this.restarts = restarts;
    }

    /** A server as it is now: each value read once, without waiting for the server. */
    static ServerInfo of(ServerProcess server) {
        return new ServerInfo(server.name(), server.status().name(), versionOf(server), server.queueLength(), server.restarts());
    }

    /** The version whose code the server runs, or {@code ""} while it has none (down, stopped). */
    static String versionOf(ServerProcess server) {
        Incarnation code = server.code();
        return code == null ? "" : code.version().version();
    }

    /** Its registered name, unique in the node. */
    public String getName() {
        return name;
    }

    /** STARTING, RUNNING, SUSPENDED, DOWN or STOPPED. */
    public String getStatus() {
        return status;
    }

    /** The application version whose code it runs; empty while it has none. */
    public String getVersion() {
        return version;
    }

    /** Messages waiting in its mailbox. */
    public int getQueueLength() {
        return queueLength;
    }

    /** How many times it was started again. */
    public int getRestarts() {
        return restarts;
    }
}
