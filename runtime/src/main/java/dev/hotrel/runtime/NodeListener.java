package dev.hotrel.runtime;

import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;

/**
 * Told what happens on a node, so the management layer can keep its MBeans in step and emit
 * notifications. Called on the node's event thread, one event at a time in the order they
 * happened, never on the thread that caused the event nor under any lock of the node's: a listener
 * may ask the node anything. It should be quick (it holds up the events after it) and must not
 * wait for a lifecycle operation. A listener that throws is ignored (logged), never allowed to
 * break the node.
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
