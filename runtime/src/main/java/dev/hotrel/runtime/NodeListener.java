package dev.hotrel.runtime;

import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;

/**
 * Told what happens on a node, so the management layer can keep its MBeans in step and emit
 * notifications. Called on the thread that caused the event; a listener must be quick and must
 * not call back into lifecycle operations. A listener that throws is ignored (logged), never
 * allowed to break the node.
 */
public interface NodeListener {

    default void applicationStarted(RunningApplication app) {
    }

    default void applicationStopped(RunningApplication app) {
    }

    /** Its supervisor gave up; {@link RunningApplication#failure()} says why. */
    default void applicationFailed(RunningApplication app) {
    }

    /** A server was started for the first time (at application start, or added by a release). */
    default void serverStarted(ServerProcess server) {
    }

    /** A server was started again after a crash, a brutal purge, a sibling's crash or a restart instruction. */
    default void serverRestarted(ServerProcess server, String reason) {
    }

    /** A server stopped for good. */
    default void serverStopped(ServerProcess server, String reason) {
    }
}
