package dev.hotrel.runtime.supervisor;

import dev.hotrel.runtime.server.ServerProcess;

/** What a supervisor reports about its children. */
public interface ServerEvents {

    ServerEvents NONE = new ServerEvents() {
    };

    default void started(ServerProcess server) {
    }

    default void restarted(ServerProcess server, String reason) {
    }

    default void stopped(ServerProcess server, String reason) {
    }
}
